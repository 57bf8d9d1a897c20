"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Live progress without a full reload: while mounted, re-renders the page's server components
 * every `everyMs`. Unlike `<meta http-equiv="refresh">` this keeps focus, scroll and typed input,
 * and it stops by itself once the server stops rendering it (the sync finished).
 */
export function AutoRefresh({ everyMs = 2000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
