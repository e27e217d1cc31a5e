#include "core/execstreamjob.h"

#include "core/sandboxjobs.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

ExecStreamJob::ExecStreamJob(const QString &sandboxId, const QString &command, const ExecOptions &options,
                             QObject *parent)
    : ExecOutputJob("POST", sandboxPath(sandboxId, u"/exec/stream"_s), parent)
{
    setJsonBody(execBody(command, options));
}

QString ExecStreamJob::cutShortConsequence() const
{
    return tr("The command may still be running in the sandbox until its own timeout.");
}

} // namespace Orkestr
