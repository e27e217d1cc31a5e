#pragma once

#include "core/apierror.h"
#include "core/sandbox.h"

#include <QDialog>

namespace OrkestrUi {

// Shown when the server refuses a pause because every snapshot slot is taken: the paused
// sandboxes, the longest paused first, each with Resume and Terminate to free a slot.
class SnapshotCapDialog : public QDialog
{
    Q_OBJECT
public:
    SnapshotCapDialog(const Orkestr::ApiError &error, const QList<Orkestr::Sandbox> &paused,
                      QWidget *parent = nullptr);

Q_SIGNALS:
    void resumeRequested(const QString &sandboxId);
    void terminateRequested(const QString &sandboxId);
};

} // namespace OrkestrUi
