export { type ActuatorOptions, createActuatorHandler } from "./actuator-handler.js";
export {
  type HealthIndicator,
  HealthRegistry,
  type HealthReport,
  overallStatus,
  type Probe,
} from "./health.js";
export { type DeliveryOutcome, RuntimeMetrics } from "./metrics.js";
