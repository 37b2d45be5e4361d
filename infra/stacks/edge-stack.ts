/**
 * What AWS requires in us-east-1: the WAF web ACL for CloudFront (infra/constructs/waf.ts). The
 * stateless stack attaches it to the API's distribution through a cross-region reference.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EdgeWebAcl } from '../constructs/waf.ts';

export interface EdgeStackProps extends StackProps {
  readonly wafRatePer5Minutes: number;
}

export class EdgeStack extends Stack {
  readonly waf: EdgeWebAcl;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, { ...props, crossRegionReferences: true });
    this.waf = new EdgeWebAcl(this, 'Waf', { ratePer5Minutes: props.wafRatePer5Minutes });
  }
}
