/** Objective: returns the value and writes the gradient into `gradient` (async: its products may run in onnxruntime). */
export type Objective = (parameters: Float64Array, gradient: Float64Array) => number | Promise<number>;

export interface LbfgsOptions {
  maxIterations: number;
  /** Stop when the relative decrease of the objective over one step falls below this. */
  tolerance: number;
  history: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search. Deterministic; enough for the smooth,
 * L2-regularised objectives of linear heads (a few thousand samples, a few thousand dimensions).
 */
export async function minimizeLbfgs(objective: Objective, initial: Float64Array, options: Partial<LbfgsOptions> = {}): Promise<{ parameters: Float64Array; value: number; iterations: number; evaluations: number }> {
  const { maxIterations = 200, tolerance = 1e-7, history = 8 } = options;
  const n = initial.length;
  let x = Float64Array.from(initial);
  let gradient = new Float64Array(n);
  let value = await objective(x, gradient);
  let evaluations = 1;
  const sHistory: Float64Array[] = [];
  const yHistory: Float64Array[] = [];
  const rhoHistory: number[] = [];
  const direction = new Float64Array(n);
  const alphas = new Float64Array(history);
  let iteration = 0;

  for (; iteration < maxIterations; iteration++) {
    // Two-loop recursion: direction = -H * gradient.
    direction.set(gradient);
    for (let i = sHistory.length - 1; i >= 0; i--) {
      alphas[i] = rhoHistory[i]! * dot(sHistory[i]!, direction);
      const y = yHistory[i]!;
      for (let j = 0; j < n; j++) direction[j]! -= alphas[i]! * y[j]!;
    }
    if (sHistory.length > 0) {
      const last = sHistory.length - 1;
      const gamma = dot(sHistory[last]!, yHistory[last]!) / dot(yHistory[last]!, yHistory[last]!);
      for (let j = 0; j < n; j++) direction[j]! *= gamma;
    } else {
      const norm = Math.sqrt(dot(gradient, gradient)) || 1;
      for (let j = 0; j < n; j++) direction[j]! /= norm;
    }
    for (let i = 0; i < sHistory.length; i++) {
      const beta = rhoHistory[i]! * dot(yHistory[i]!, direction);
      const s = sHistory[i]!;
      for (let j = 0; j < n; j++) direction[j]! += s[j]! * (alphas[i]! - beta);
    }
    for (let j = 0; j < n; j++) direction[j] = -direction[j]!;

    let slope = dot(gradient, direction);
    if (slope >= 0) {
      // Not a descent direction (curvature went bad): restart from steepest descent.
      sHistory.length = yHistory.length = rhoHistory.length = 0;
      for (let j = 0; j < n; j++) direction[j] = -gradient[j]!;
      slope = dot(gradient, direction);
    }

    let step = 1;
    const candidate = new Float64Array(n);
    const candidateGradient = new Float64Array(n);
    let candidateValue = Infinity;
    for (let attempt = 0; attempt < 40; attempt++) {
      for (let j = 0; j < n; j++) candidate[j] = x[j]! + step * direction[j]!;
      candidateValue = await objective(candidate, candidateGradient);
      evaluations++;
      if (Number.isFinite(candidateValue) && candidateValue <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(candidateValue < value)) break;

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      s[j] = candidate[j]! - x[j]!;
      y[j] = candidateGradient[j]! - gradient[j]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      sHistory.push(s);
      yHistory.push(y);
      rhoHistory.push(1 / sy);
      if (sHistory.length > history) {
        sHistory.shift();
        yHistory.shift();
        rhoHistory.shift();
      }
    }
    const decrease = value - candidateValue;
    x = candidate;
    gradient = candidateGradient;
    value = candidateValue;
    if (decrease <= tolerance * Math.max(1, Math.abs(value))) {
      iteration++;
      break;
    }
  }
  return { parameters: x, value, iterations: iteration, evaluations };
}
