import { Component, ReactNode } from 'react';
import { ErrorWithRetry } from '../ErrorWithRetry/ErrorWithRetry';

interface State {
  error?: Error;
  /** Changes on retry so the children mount afresh. */
  attempt: number;
}

/**
 * Keeps a failing view (e.g. a payload it cannot render) from blanking the page: shows the
 * error with a retry that mounts the view again, which refetches its data.
 */
export class DrsErrorBoundary extends Component<
  { children: ReactNode },
  State
> {
  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  state: State = { attempt: 0 };

  private readonly retry = () => {
    this.setState(({ attempt }) => ({
      error: undefined,
      attempt: attempt + 1,
    }));
  };

  render() {
    if (this.state.error) {
      return <ErrorWithRetry error={this.state.error} onRetry={this.retry} />;
    }
    return <div key={this.state.attempt}>{this.props.children}</div>;
  }
}
