/**
 * Which in-process handler answers which Lambda placeholder: the service-wide bindings given at start,
 * overridden per state machine by registerStateMachine(name, definition, bindings). Functions cannot
 * be stored, so a restarted process must be given the same bindings before recover().
 */
import type { LocalLambdaHandler, TaskBindings } from './lambda-bindings.ts';

export class BindingRegistry {
  readonly #shared: TaskBindings;
  readonly #byStateMachine = new Map<string, TaskBindings>();

  constructor(shared: TaskBindings = {}) {
    this.#shared = shared;
  }

  bind(stateMachineName: string, bindings: TaskBindings): void {
    this.#byStateMachine.set(stateMachineName, { ...this.#byStateMachine.get(stateMachineName), ...bindings });
  }

  resolve(stateMachineName: string, bindingName: string): LocalLambdaHandler | undefined {
    const own = this.#byStateMachine.get(stateMachineName);
    if (own && Object.hasOwn(own, bindingName)) return own[bindingName];
    return Object.hasOwn(this.#shared, bindingName) ? this.#shared[bindingName] : undefined;
  }

  has(stateMachineName: string, bindingName: string): boolean {
    return this.resolve(stateMachineName, bindingName) !== undefined;
  }

  get stateMachineCount(): number {
    return this.#byStateMachine.size;
  }
}
