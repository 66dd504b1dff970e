import { AutomationExecutionObservation } from '@drs-orchestration/plugin-drs-common/engine';
import { DefaultAwsGatewayOptions } from '../awsClients';
import { DrsLocation } from '../DrsGateway/types';

/**
 * One StartAutomationExecution call: the automation of one step of a wave.
 *
 * @public
 */
export interface StartAutomationRequest {
  /** SSM `DocumentName`: the runbook's name, or the ARN of a shared one. */
  documentName: string;
  /** SSM `DocumentVersion`; absent: the runbook's default version. */
  documentVersion?: string;
  /** SSM `Parameters`; an empty record sends none. */
  parameters: Record<string, string[]>;
  /**
   * SSM `ClientToken`: every call for the same step carries the same one, so SSM answers a
   * repeated call with the automation the first one started instead of starting another.
   */
  clientToken: string;
  /** SSM `Tags`: the execution and the step, to find the automation in SSM's console. */
  tags: Record<string, string>;
}

/**
 * Every SSM Automation call the plugin makes goes through this interface: the runbooks of the
 * steps before and after a wave.
 *
 * @public
 */
export interface SsmGateway {
  /**
   * Starts a step's automation and returns its ID; for a ClientToken SSM has seen with the
   * same request, the ID of the automation that token started.
   */
  startAutomationExecution(
    location: DrsLocation,
    request: StartAutomationRequest,
  ): Promise<{ automationExecutionId: string }>;
  /** Where an automation stands: its status, outputs, failure message and times. */
  getAutomationExecution(
    location: DrsLocation,
    automationExecutionId: string,
  ): Promise<AutomationExecutionObservation>;
  /** Asks SSM to cancel a running automation (`Type: Cancel`). */
  stopAutomationExecution(
    location: DrsLocation,
    automationExecutionId: string,
  ): Promise<void>;
}

/**
 * How the plugin's own SSM gateway reaches SSM.
 *
 * @public
 */
export type DefaultSsmGatewayOptions = DefaultAwsGatewayOptions;
