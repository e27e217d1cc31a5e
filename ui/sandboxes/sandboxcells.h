#pragma once

#include "core/sandbox.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QVariant>

#include <functional>

namespace OrkestrUi {

// What the sandbox list's cells show (texts, icons, tooltips, sort keys) for each column and
// role of SandboxTreeModel; the model decides which rows there are.
class SandboxCells
{
    Q_DECLARE_TR_FUNCTIONS(OrkestrUi::SandboxTreeModel)
public:
    static QVariant sandboxData(const Orkestr::Sandbox &sandbox, int column, int role,
                                const std::function<QDateTime()> &clock);
    // A group row: `key` is a region or a status, `location` a region's label (may be empty).
    static QVariant groupData(const QString &key, int leafCount, bool byStatus, const QString &location,
                              int column, int role);
    static QVariant headerData(int section, Qt::Orientation orientation, int role);

    static QString statusLabel(Orkestr::Sandbox::Status status);
    static QString formatTimeLeft(qint64 seconds);
    // Statuses in the order a person scans them: what runs, what waits, what is over.
    static int statusRank(const QString &status);
};

} // namespace OrkestrUi
