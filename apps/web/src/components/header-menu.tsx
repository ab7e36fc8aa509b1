"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

/** A <details> menu (works without JavaScript) that closes itself after each navigation. */
export function HeaderMenu({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details ref={ref} className="relative">
      <summary className="flex h-10 cursor-pointer list-none items-center rounded px-3 text-sm font-medium text-france hover:bg-france-light">
        {label}
      </summary>
      <nav aria-label={label} className="absolute right-0 z-40 mt-1 w-56 rounded border border-neutral-200 bg-white p-1 shadow-lg">
        {children}
      </nav>
    </details>
  );
}
