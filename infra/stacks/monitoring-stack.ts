/**
 * Alarms and the operations dashboard over the stateless stack (infra/constructs/monitoring.ts). A
 * stack of its own: CloudFormation allows 500 resources per stack, and one alarm per function would
 * push the stateless stack past it. References to the watched resources are weak (cdk.json), so
 * the stateless stack can still replace a function without an export lock.
 *
 * Every function in the stateless stack is watched — including ones added later — because the
 * list is read from the construct tree, not written by hand.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AppFunction } from '../constructs/app-function.ts';
import { Monitoring } from '../constructs/monitoring.ts';
import type { StatelessStack } from './stateless-stack.ts';

export interface MonitoringStackProps extends StackProps {
  readonly system: StatelessStack;
  /** Administrators who receive the alarms by e-mail. */
  readonly alarmEmails: readonly string[];
}

export class MonitoringStack extends Stack {
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { system } = props;
    const monitoring = new Monitoring(this, 'Monitoring', { alarmEmails: props.alarmEmails });
    this.monitoring = monitoring;

    monitoring.alarmOnHttpApi(system.api.httpApi);
    for (const [name, stateMachine] of system.workflows.stateMachines)
      monitoring.alarmOnStateMachine(name, stateMachine);
    monitoring.alarmOnDeadLetters('scheduled-jobs', system.jobs.deadLetterQueue);
    monitoring.alarmOnDeadLetters('mail-events', system.mailEvents.deadLetterQueue);
    monitoring.alarmOnDeadLetters('outbox-relay', system.outboxRelay.deadLetterQueue);

    const named = new Map<AppFunction, { name: string; kind: 'api' | 'step' | 'job' | 'event' }>();
    for (const [name, fn] of system.apiHandlers) named.set(fn, { name, kind: 'api' });
    for (const [placeholder, fn] of system.workflows.stepFunctions) {
      named.set(fn, { name: placeholder.replace(/FunctionArn$/, ''), kind: 'step' });
    }
    for (const [name, fn] of system.jobs.functions) named.set(fn, { name, kind: 'job' });
    for (const fn of system.node.findAll().filter((c): c is AppFunction => c instanceof AppFunction)) {
      const known = named.get(fn) ?? { name: fn.node.id, kind: 'event' as const };
      monitoring.alarmOnFunctionErrors(known.name, fn, known.kind);
    }
    monitoring.alarmOnRegionThrottles();
    monitoring.alarmOnMailReputation();
    monitoring.finishDashboard();
  }
}
