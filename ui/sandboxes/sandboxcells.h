#pragma once

#include "core/sandbox.h"
#include "ui/sandboxes/sandboxusage.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QVariant>

#include <functional>
#include <optional>

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

    // The CPU and memory columns of recent use (not the limits).
    static bool isUsageColumn(int column);
    // A usage cell of a sandbox, given its trace (nullptr: no samples); nothing for the roles
    // that are the same as in every other cell of the row. Only a running sandbox has values.
    static std::optional<QVariant> usageData(const Orkestr::Sandbox &sandbox,
                                             const SandboxUsage::Trace *trace, int column, int role);

    static QString statusLabel(Orkestr::Sandbox::Status status);
    static QString formatTimeLeft(qint64 seconds);
    // Statuses in the order a person scans them: what runs, what waits, what is over.
    static int statusRank(const QString &status);
};

} // namespace OrkestrUi
