#pragma once

namespace OrkestrLocal {

class ActivityRecorder;
class ApiServer;
class MetricsSampler;
class SandboxStore;

// GET .../processes, POST .../processes/{pid}/signal (journaled as process.signalled before the
// 204), GET .../metrics and GET /v1/metrics. The /proc work happens on the sampler's thread; these
// only parse, check the sandbox's status and answer.
void registerMonitorEndpoints(ApiServer &server, SandboxStore &store, MetricsSampler &sampler,
                              ActivityRecorder &activity);

} // namespace OrkestrLocal
