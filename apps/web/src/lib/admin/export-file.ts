/** The names `dataset.export` gives its archives: dataset-v<number>-<stamp>.tar, nothing with a path in it. */
const EXPORT_FILE = /^dataset-v\d+-[\w.-]+\.tar$/;

export const isExportFileName = (name: string) => EXPORT_FILE.test(name) && !name.includes("..");

/** Where the console links an export for download. */
export const exportDownloadPath = (fileName: string) => `/api/admin/exports/${encodeURIComponent(fileName)}`;
