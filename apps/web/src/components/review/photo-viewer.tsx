"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent, type Ref } from "react";
import { IDENTITY, panBy, wheelFactor, ZOOM_STEP, zoomAt, zoomCentre, type Size, type ZoomState } from "@/lib/review/zoom";

export interface ViewerPhoto {
  id: string;
  url: string;
  width: number;
  height: number;
}

/** What the review screen's keyboard shortcuts drive. */
export interface PhotoViewerHandle {
  zoomIn: () => void;
  zoomOut: () => void;
  reset: () => void;
  next: () => void;
  previous: () => void;
}

const KEY_PAN_PX = 60;

/**
 * Every photo of the case, large, with zoom and pan: mouse wheel (at the pointer), buttons, drag,
 * double click, and the keyboard (+ − 0, arrows to pan when the photo has focus). Markings need it.
 */
export function PhotoViewer({ photos, ref }: { photos: ViewerPhoto[]; ref?: Ref<PhotoViewerHandle> }) {
  const t = useTranslations("review");
  const frameRef = useRef<HTMLDivElement>(null);
  const [index, setIndex] = useState(0);
  const [zoom, setZoom] = useState<ZoomState>(IDENTITY);
  const drag = useRef<{ x: number; y: number; pointerId: number } | null>(null);
  const photo = photos[Math.min(index, photos.length - 1)];

  const frameSize = useCallback((): Size => {
    const box = frameRef.current?.getBoundingClientRect();
    return { width: box?.width ?? 1, height: box?.height ?? 1 };
  }, []);

  const show = useCallback(
    (next: number) => {
      if (photos.length === 0) return;
      setIndex(((next % photos.length) + photos.length) % photos.length);
      setZoom(IDENTITY);
    },
    [photos.length],
  );

  useImperativeHandle(
    ref,
    () => ({
      zoomIn: () => setZoom((z) => zoomCentre(z, ZOOM_STEP, frameSize())),
      zoomOut: () => setZoom((z) => zoomCentre(z, 1 / ZOOM_STEP, frameSize())),
      reset: () => setZoom(IDENTITY),
      next: () => show(index + 1),
      previous: () => show(index - 1),
    }),
    [frameSize, index, show],
  );

  // React's wheel listener is passive: the page would scroll as well as the photo zoom
  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const box = frame.getBoundingClientRect();
      setZoom((z) => zoomAt(z, wheelFactor(event.deltaY), event.clientX - box.left, event.clientY - box.top, { width: box.width, height: box.height }));
    };
    frame.addEventListener("wheel", onWheel, { passive: false });
    return () => frame.removeEventListener("wheel", onWheel);
  }, []);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    drag.current = { x: event.clientX, y: event.clientY, pointerId: event.pointerId };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (!start || start.pointerId !== event.pointerId) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    drag.current = { ...start, x: event.clientX, y: event.clientY };
    setZoom((z) => panBy(z, dx, dy, frameSize()));
  };
  const endDrag = () => {
    drag.current = null;
  };
  const onDoubleClick = (event: MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    setZoom((z) => (z.scale > 1 ? IDENTITY : zoomAt(z, 2.5, event.clientX - box.left, event.clientY - box.top, frameSize())));
  };
  // arrows pan only while the photo has focus: elsewhere they scroll the page as usual
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [KEY_PAN_PX, 0],
      ArrowRight: [-KEY_PAN_PX, 0],
      ArrowUp: [0, KEY_PAN_PX],
      ArrowDown: [0, -KEY_PAN_PX],
    };
    const move = moves[event.key];
    if (!move || zoom.scale === 1) return;
    event.preventDefault();
    setZoom((z) => panBy(z, move[0], move[1], frameSize()));
  };

  if (!photo) return <p className="rounded bg-neutral-100 p-6 text-center text-muted">{t("noPhoto")}</p>;
  const alt = t("photoAlt", { index: index + 1, count: photos.length });
  const buttonClass = "flex h-9 min-w-9 items-center justify-center rounded bg-white/90 px-2 text-sm font-bold text-neutral-900 shadow hover:bg-white";

  return (
    <div>
      <div className="relative">
        <div
          ref={frameRef}
          role="group"
          aria-roledescription={t("viewerRole")}
          aria-label={alt}
          tabIndex={0}
          data-testid="photo-viewer"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
          onDoubleClick={onDoubleClick}
          onKeyDown={onKeyDown}
          className={`relative h-[calc(100svh-11rem)] min-h-80 touch-none select-none overflow-hidden rounded-lg bg-neutral-900 ${zoom.scale > 1 ? "cursor-grab active:cursor-grabbing" : "cursor-zoom-in"}`}
        >
          <img
            key={photo.id}
            src={photo.url}
            width={photo.width}
            height={photo.height}
            alt={alt}
            draggable={false}
            decoding="async"
            className="pointer-events-none absolute inset-0 h-full w-full origin-top-left object-contain"
            style={{ transform: `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.scale})` }}
          />
        </div>
        <div className="absolute right-2 top-2 flex items-center gap-1" aria-label={t("zoomControls")} role="toolbar">
          <button type="button" className={buttonClass} onClick={() => setZoom((z) => zoomCentre(z, 1 / ZOOM_STEP, frameSize()))} aria-label={t("zoomOut")} title={`${t("zoomOut")} (−)`}>
            −
          </button>
          <span className="min-w-14 rounded bg-white/90 px-2 py-1.5 text-center text-sm tabular-nums shadow" data-testid="zoom-level">
            {Math.round(zoom.scale * 100)} %
          </span>
          <button type="button" className={buttonClass} onClick={() => setZoom((z) => zoomCentre(z, ZOOM_STEP, frameSize()))} aria-label={t("zoomIn")} title={`${t("zoomIn")} (+)`}>
            +
          </button>
          <button type="button" className={buttonClass} onClick={() => setZoom(IDENTITY)} aria-label={t("zoomReset")} title={`${t("zoomReset")} (0)`}>
            1:1
          </button>
          <a href={photo.url} target="_blank" rel="noopener" className={buttonClass} title={t("openOriginal")}>
            ↗<span className="sr-only">{t("openOriginal")}</span>
          </a>
        </div>
        {photos.length > 1 ? (
          <p className="absolute bottom-2 left-2 rounded bg-white/90 px-2 py-1 text-sm shadow">{t("photoCounter", { index: index + 1, count: photos.length })}</p>
        ) : null}
      </div>
      {photos.length > 1 ? (
        <ul className="mt-2 flex gap-2 overflow-x-auto" aria-label={t("photoList")}>
          {photos.map((item, position) => (
            <li key={item.id} className="shrink-0">
              <button
                type="button"
                onClick={() => show(position)}
                aria-current={position === index ? "true" : undefined}
                aria-label={t("showPhoto", { index: position + 1, count: photos.length })}
                className={`block rounded border-2 ${position === index ? "border-france" : "border-transparent hover:border-neutral-400"}`}
              >
                <img src={item.url} alt="" width={80} height={60} loading="lazy" className="h-15 w-20 rounded bg-neutral-100 object-contain" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
