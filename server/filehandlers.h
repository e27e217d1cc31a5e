#pragma once

namespace OrkestrLocal {

class ActivityRecorder;
class ApiServer;
class SandboxLifecycle;
class SandboxStore;

// GET, PUT and DELETE /files and GET /files/list: through SandboxFs, and after any snapshot being
// written or restored (SandboxLifecycle::whenFilesSettled).
// Writes and deletes are journaled (file.written, file.deleted) before they are answered.
void registerFileEndpoints(ApiServer &server, SandboxStore &store, SandboxLifecycle &lifecycle,
                           ActivityRecorder &activity);

} // namespace OrkestrLocal
