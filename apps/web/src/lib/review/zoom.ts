/**
 * Zoom and pan of a photo in a frame, as pure arithmetic: the viewer keeps { scale, x, y } (a CSS
 * translate then scale, origin top-left of the fitted image) and asks these functions for the next one.
 */
export interface ZoomState {
  scale: number;
  x: number;
  y: number;
}

export const MIN_SCALE = 1;
export const MAX_SCALE = 8;
export const ZOOM_STEP = 1.25;
export const IDENTITY: ZoomState = { scale: 1, x: 0, y: 0 };

export interface Size {
  width: number;
  height: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** Keeps the zoomed image covering the frame: no panning past its edges, and centred at scale 1. */
export function clampPan(state: ZoomState, frame: Size): ZoomState {
  const minX = frame.width - frame.width * state.scale;
  const minY = frame.height - frame.height * state.scale;
  return { scale: state.scale, x: clamp(state.x, minX, 0), y: clamp(state.y, minY, 0) };
}

/** Zooms by `factor` keeping the point under (px, py) of the frame where it is (the mouse, or the centre). */
export function zoomAt(state: ZoomState, factor: number, px: number, py: number, frame: Size): ZoomState {
  const scale = clamp(state.scale * factor, MIN_SCALE, MAX_SCALE);
  const ratio = scale / state.scale;
  return clampPan({ scale, x: px - (px - state.x) * ratio, y: py - (py - state.y) * ratio }, frame);
}

export function zoomCentre(state: ZoomState, factor: number, frame: Size): ZoomState {
  return zoomAt(state, factor, frame.width / 2, frame.height / 2, frame);
}

export function panBy(state: ZoomState, dx: number, dy: number, frame: Size): ZoomState {
  return clampPan({ scale: state.scale, x: state.x + dx, y: state.y + dy }, frame);
}

/** Mouse-wheel zoom: a notch (deltaY ±100) is one step; trackpads send smaller deltas, zoomed finer. */
export function wheelFactor(deltaY: number): number {
  return Math.pow(ZOOM_STEP, clamp(-deltaY / 100, -3, 3));
}
