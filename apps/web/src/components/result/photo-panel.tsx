"use client";

import { useTranslations } from "next-intl";

interface Photo {
  id: string;
  url: string;
  width: number;
  height: number;
}

/**
 * The analysed photo, whole (object-contain: the barrel is never cropped), at a height that leaves the
 * verdict visible on a phone. Tapping opens it full size; pinch-zoom works on the page too.
 */
export function PhotoPanel({
  photos,
  compact = false,
}: {
  photos: Photo[];
  /** smaller, to leave room for the guided identification ("key": smaller still, beside one key question) */
  compact?: boolean | "key";
}) {
  const t = useTranslations("result");
  const many = photos.length > 1;
  return (
    <div className={many ? "flex snap-x snap-mandatory gap-2 overflow-x-auto" : undefined}>
      {photos.map((photo, index) => (
        <a
          key={photo.id}
          href={photo.url}
          target="_blank"
          rel="noopener"
          title={t("openPhoto")}
          className={`block rounded bg-neutral-100 ${many ? "w-[88%] shrink-0 snap-center" : "w-full"}`}
        >
          <img
            src={photo.url}
            width={photo.width}
            height={photo.height}
            alt={many ? t("photoAlt", { index: index + 1, count: photos.length }) : t("photoAltSingle")}
            className={`${compact === "key" ? "h-[14svh] max-h-32" : compact ? "h-[17svh] max-h-44" : "h-[34svh] max-h-80"} w-full object-contain`}
            decoding="async"
            fetchPriority={index === 0 ? "high" : "auto"}
          />
        </a>
      ))}
    </div>
  );
}
