/** Teamwork over git: merge driver, conflict markers, blind mode, conflict resolution, stats. No `vscode`, no `node:`. */
export * from './conflictMarkers';
export * from './conflicts';
export * from './gitSetup';
export * from './mergeDriver';
export * from './stats';
export * from './visibility';
