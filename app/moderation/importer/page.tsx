import type { Metadata } from "next";
import { ModerationNav } from "../_components/moderation-nav";
import { Refusal, requireRight } from "../_components/require-moderator";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Importer un article — modération" };

export default async function ImportPage() {
  const access = await requireRight("article:import", "/moderation/importer");
  if ("refusal" in access) return <Refusal reason={access.refusal} />;
  return (
    <>
      <h1 className="font-serif text-3xl font-semibold tracking-tight">Modération</h1>
      <ModerationNav current="/moderation/importer" />
      <h2 className="font-serif text-xl font-semibold">Importer un article</h2>
      <p className="mt-2 max-w-prose text-muted dark:text-night-muted">
        Collez le texte&#8239;: un titre, l’introduction, la liste des points clés (–, •, -, *, 1. ; une
        indentation pour les sous-points), puis éventuellement une ligne «&#8239;Via&#8239;». Vérifiez
        l’aperçu, puis publiez.
      </p>
      <ImportForm />
    </>
  );
}
