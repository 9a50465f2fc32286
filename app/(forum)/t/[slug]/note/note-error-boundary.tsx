"use client";

import { Component, type ReactNode } from "react";

/**
 * Keeps a failure of the live editor (a document the binding cannot show, a bug in an
 * extension) inside the synthesis: the rest of the thread page stays usable, and `fallback`
 * offers the stored text and the history to repair it.
 */
export class NoteErrorBoundary extends Component<
  { fallback: (retry: () => void) => ReactNode; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error("The synthesis editor failed:", error);
  }

  override render() {
    return this.state.failed
      ? this.props.fallback(() => this.setState({ failed: false }))
      : this.props.children;
  }
}
