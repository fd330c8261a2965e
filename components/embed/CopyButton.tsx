"use client";

import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/** Copies a snippet's text; it appears only once JavaScript runs, since without it there is nothing to click. */
export function CopyButton({ targetId, label }: { targetId: string; label: string }) {
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [status, setStatus] = useState("");
  if (!hydrated) return null;

  async function copy() {
    const field = document.getElementById(targetId);
    const text = field instanceof HTMLTextAreaElement ? field.value : (field?.textContent ?? "");
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Copied");
    } catch {
      if (field instanceof HTMLTextAreaElement) field.select();
      setStatus("Select the text and copy it");
    }
  }

  return (
    <>
      <button type="button" onClick={copy}>
        {label}
      </button>
      <span role="status" className="embed-copy-status">
        {status}
      </span>
    </>
  );
}
