#include "session/attention.h"

namespace OrkestrSession {

namespace {

bool expiresSoon(const Orkestr::Sandbox &sandbox, const QDateTime &now)
{
    return sandbox.status == Orkestr::Sandbox::Status::Running && sandbox.expiresAt.isValid()
        && now.msecsTo(sandbox.expiresAt) <= std::chrono::milliseconds(ExpiringSoon).count();
}

} // namespace

bool needsAttention(const Orkestr::Sandbox &sandbox, const QDateTime &now)
{
    return sandbox.status == Orkestr::Sandbox::Status::Failed || expiresSoon(sandbox, now);
}

void AttentionSummary::count(const Orkestr::Sandbox &sandbox, const QDateTime &now)
{
    if (sandbox.status == Orkestr::Sandbox::Status::Failed)
        ++failed;
    else if (expiresSoon(sandbox, now))
        ++expiringSoon;
}

} // namespace OrkestrSession
