import type { ErrorBody } from "@/lib/errors";
import type { BranchSnapshot, DiscussionKey, DiscussionPage } from "@/lib/posts/types";

const failure: ErrorBody = {
  code: "unavailable:network",
  message: "Impossible de charger la suite\u202f: vérifiez votre connexion et réessayez.",
};

async function getJson<T>(url: string): Promise<T | { error: ErrorBody }> {
  try {
    const response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
    const body: unknown = await response.json();
    return response.ok ? (body as T) : { error: body as ErrorBody };
  } catch {
    return { error: failure };
  }
}

/** "Voir plus" in a discussion, through the JSON twin of the no-JavaScript page. */
export function fetchDiscussionPage(threadId: string, discussion: DiscussionKey, cursor: string) {
  const query = new URLSearchParams({ discussion, apres: cursor });
  return getJson<DiscussionPage>(`/api/threads/${threadId}/discussion?${query}`);
}

export function fetchBranchPage(postId: string, cursor: string | null) {
  const query = cursor ? `?${new URLSearchParams({ apres: cursor })}` : "";
  return getJson<BranchSnapshot>(`/api/posts/${postId}/branch${query}`);
}
