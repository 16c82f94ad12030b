import { Global, Module } from '@nestjs/common';
import { ApiMetricsService } from './api-metrics.service.js';
import { StatusCountsRepository } from './status-counts.repository.js';

/** The API's Prometheus registry, for the HTTP middleware, the socket gateway and `/metrics`. */
@Global()
@Module({ providers: [ApiMetricsService, StatusCountsRepository], exports: [ApiMetricsService] })
export class MetricsModule {}
