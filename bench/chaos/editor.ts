import { io as connect } from "socket.io-client";
import * as Y from "yjs";
import { noteField } from "../../lib/notes/note-field";
import { NoteProvider, type NoteSocket } from "../../lib/notes/note-provider";

/**
 * A member co-editing the synthesis through Agora's own NoteProvider, as the browser does. Each
 * edit appends a unique token to the member's own paragraph; an edit counts as acknowledged
 * once the provider reports nothing pending nor unsent after it (what the editor's status shows
 * as « À jour »). The run then checks every acknowledged token is where it must be.
 */
export interface Editor {
  name: string;
  doc: Y.Doc;
  typed: number;
  /** Tokens the provider reported stored. */
  acknowledged: Set<string>;
  settled(): boolean;
  type(): void;
  close(): void;
}

export function tokensIn(doc: Y.Doc): Set<string> {
  return new Set(
    doc
      .getXmlFragment(noteField)
      .toString()
      .match(/⟨[^⟩]+⟩/g) ?? [],
  );
}

export function startEditor(options: {
  name: string;
  url: string;
  cookie: string;
  threadId: string;
}): Editor {
  const socket = connect(options.url, {
    transports: ["websocket"],
    forceNew: true,
    extraHeaders: { cookie: options.cookie },
    reconnectionDelay: 200,
    reconnectionDelayMax: 1_000,
  });
  const doc = new Y.Doc();
  const provider = new NoteProvider(socket as unknown as NoteSocket, options.threadId, doc);
  const acknowledged = new Set<string>();
  const typedTokens: string[] = [];
  let paragraph: Y.XmlText | null = null;

  const settled = () =>
    provider.state.status === "synced" && provider.state.pending === 0 && !provider.state.unsent;
  // Everything typed before a moment the provider reports settled is stored.
  let acknowledgedUpTo = 0;
  provider.subscribe(() => {
    if (!settled()) return;
    for (; acknowledgedUpTo < typedTokens.length; acknowledgedUpTo++)
      acknowledged.add(typedTokens[acknowledgedUpTo]!);
  });

  const editor: Editor = {
    name: options.name,
    doc,
    typed: 0,
    acknowledged,
    settled,
    type() {
      // Typing waits for the note to be open and editable, as the editor does.
      if (!provider.state.canEdit || provider.state.noteId === null) return;
      if (!paragraph) {
        const element = new Y.XmlElement("paragraph");
        paragraph = new Y.XmlText(`${options.name} : `);
        element.insert(0, [paragraph]);
        const fragment = doc.getXmlFragment(noteField);
        fragment.insert(fragment.length, [element]);
      }
      editor.typed += 1;
      const token = `⟨${options.name}-${editor.typed}⟩`;
      typedTokens.push(token);
      paragraph.insert(paragraph.length, `${token} `);
    },
    close() {
      provider.destroy();
      socket.disconnect();
    },
  };
  return editor;
}
