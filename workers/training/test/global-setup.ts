// Each test file prepares its own fresh database (see harness.ts): nothing shared to set up here.
export default function setup() {}
