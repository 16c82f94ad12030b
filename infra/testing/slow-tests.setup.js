// Integration and end-to-end tests talk to real PostgreSQL, Redis and Chromium on a shared,
// noisy machine: they get generous time. (Jest ignores `testTimeout` inside `projects`.)
import { jest } from '@jest/globals';

jest.setTimeout(90_000);
