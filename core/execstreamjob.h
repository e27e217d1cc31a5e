#pragma once

#include "core/execoutputjob.h"

namespace Orkestr {

// POST /v1/sandboxes/{id}/exec/stream: runs a command and streams its output as it arrives (the
// decoding, the signals and the errors are ExecOutputJob's). Never retried: the command may
// already be running.
class ExecStreamJob : public ExecOutputJob
{
    Q_OBJECT
public:
    ExecStreamJob(const QString &sandboxId, const QString &command, const ExecOptions &options = {},
                  QObject *parent = nullptr);

protected:
    QString cutShortConsequence() const override;
};

} // namespace Orkestr
