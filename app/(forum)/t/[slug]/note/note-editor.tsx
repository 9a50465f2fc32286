"use client";

import dynamic from "next/dynamic";
import { createContext, useContext, type ReactNode } from "react";
import { StaticNote } from "./static-note";
import "./note.css";

/** What to show until the editor has loaded: `dynamic`'s loading view gets no props, only context. */
const Fallback = createContext<ReactNode>(null);

function Loading() {
  return useContext(Fallback);
}

// Yjs and TipTap load in the browser only: the server renders the stored HTML instead.
const LiveNote = dynamic(() => import("./live-note-editor").then((module) => module.LiveNote), {
  ssr: false,
  loading: Loading,
});

export function NoteEditor(props: {
  threadId: string;
  initialHtml: string;
  locked: boolean;
  lockReason: string | null;
}) {
  const fallback = (
    <StaticNote html={props.initialHtml} locked={props.locked} lockReason={props.lockReason} />
  );
  return (
    <Fallback.Provider value={fallback}>
      <LiveNote threadId={props.threadId} fallback={fallback} />
    </Fallback.Provider>
  );
}
