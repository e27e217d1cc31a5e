#include "ui/sandboxes/sandboxcells.h"

#include "session/texttables.h"
#include "ui/sandboxes/sandboxfilter.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxes/statusstyle.h"

#include <QBrush>
#include <QFont>
#include <QLocale>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using Orkestr::Sandbox;

int SandboxCells::statusRank(const QString &status)
{
    static const QStringList order = {u"running"_s, u"starting"_s, u"resuming"_s,  u"pausing"_s,
                                      u"paused"_s,  u"failed"_s,   u"terminated"_s};
    const auto rank = order.indexOf(status);
    return rank < 0 ? int(order.size()) : int(rank);
}

QString SandboxCells::statusLabel(Sandbox::Status status)
{
    static constexpr std::pair<Sandbox::Status, const char *> labels[] = {
        {Sandbox::Status::Starting, QT_TR_NOOP("Starting")},
        {Sandbox::Status::Running, QT_TR_NOOP("Running")},
        {Sandbox::Status::Pausing, QT_TR_NOOP("Pausing")},
        {Sandbox::Status::Paused, QT_TR_NOOP("Paused")},
        {Sandbox::Status::Resuming, QT_TR_NOOP("Resuming")},
        {Sandbox::Status::Terminated, QT_TR_NOOP("Terminated")},
        {Sandbox::Status::Failed, QT_TR_NOOP("Failed")},
        {Sandbox::Status::Unknown, QT_TR_NOOP("Unknown")},
    };
    return OrkestrSession::enumText<SandboxCells>(labels, status);
}

QString SandboxCells::formatTimeLeft(qint64 seconds)
{
    if (seconds <= 0)
        return tr("expiring");
    if (seconds < 3600)
        return tr("%1m %2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1h %2m").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QVariant SandboxCells::headerData(int section, Qt::Orientation orientation, int role)
{
    static constexpr const char *titles[] = {
        QT_TR_NOOP("Sandbox"), QT_TR_NOOP("Status"),  QT_TR_NOOP("Template"),  QT_TR_NOOP("Region"),
        QT_TR_NOOP("CPU"),     QT_TR_NOOP("Memory"),  QT_TR_NOOP("CPU limit"), QT_TR_NOOP("Memory limit"),
        QT_TR_NOOP("Network"), QT_TR_NOOP("Created"), QT_TR_NOOP("Time left"), QT_TR_NOOP("Metadata"),
    };
    static_assert(std::size(titles) == SandboxTreeModel::ColumnCount);
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        if (section == SandboxTreeModel::CpuUsageColumn)
            return tr("CPU use of the last three minutes, in percent of one core");
        if (section == SandboxTreeModel::MemoryUsageColumn)
            return tr("Resident memory of the last three minutes; full height is the memory limit");
    }
    return OrkestrSession::columnTitle<SandboxCells>(titles, section, orientation, role);
}

QVariant SandboxCells::groupData(const QString &key, int leafCount, bool byStatus, const QString &location,
                                 int column, int role)
{
    switch (role) {
    case SandboxTreeModel::IsGroupRole:
        return true;
    case SandboxTreeModel::GroupCountRole:
        return leafCount;
    case SandboxTreeModel::SortRole:
        return byStatus ? QVariant(statusRank(key)) : QVariant(key);
    case Qt::DisplayRole:
        if (column != 0)
            return {};
        if (byStatus)
            return tr("%1 (%2)").arg(statusLabel(Sandbox::statusFromString(key))).arg(leafCount);
        if (!location.isEmpty())
            return tr("%1 — %2 (%3)").arg(key, location).arg(leafCount);
        return tr("%1 (%2)").arg(key).arg(leafCount);
    case Qt::DecorationRole:
        if (column == 0 && byStatus)
            return StatusStyle::icon(Sandbox::statusFromString(key));
        return {};
    case Qt::FontRole: {
        QFont font;
        font.setBold(true);
        return font;
    }
    default:
        return {};
    }
}

QVariant SandboxCells::sandboxData(const Sandbox &sandbox, int column, int role,
                                   const std::function<QDateTime()> &clock)
{
    const auto secondsLeft = [&]() -> qint64 {
        return sandbox.expiresAt.isValid() ? clock().secsTo(sandbox.expiresAt) : -1;
    };
    const auto metadataText = [&] {
        QStringList pairs;
        for (auto it = sandbox.metadata.cbegin(); it != sandbox.metadata.cend(); ++it)
            pairs.append(u"%1=%2"_s.arg(it.key(), it.value()));
        return pairs.join(u", "_s);
    };
    switch (role) {
    case SandboxTreeModel::SandboxIdRole:
        return sandbox.id;
    case SandboxTreeModel::IsGroupRole:
        return false;
    case SandboxTreeModel::StatusRole:
        return int(sandbox.status);
    case SandboxTreeModel::RegionRole:
        return sandbox.region;
    case SandboxTreeModel::TemplateRole:
        return sandbox.templateName;
    case SandboxTreeModel::SearchTextRole:
        return SandboxFilter::searchText(sandbox);
    case Qt::DecorationRole:
        return column == SandboxTreeModel::StatusColumn ? QVariant(StatusStyle::icon(sandbox.status))
                                                        : QVariant();
    case Qt::ToolTipRole:
        if (column == SandboxTreeModel::StatusColumn && !sandbox.terminationReason.isEmpty())
            return tr("Terminated: %1").arg(sandbox.terminationReason);
        if (column == SandboxTreeModel::TimeLeftColumn && sandbox.expiresAt.isValid())
            return tr("Expires at %1")
                .arg(QLocale().toString(sandbox.expiresAt.toLocalTime(), QLocale::LongFormat));
        return {};
    case Qt::ForegroundRole:
        // The last minute stands out: the sandbox is about to end.
        if (column == SandboxTreeModel::TimeLeftColumn && sandbox.status == Sandbox::Status::Running
            && sandbox.expiresAt.isValid() && secondsLeft() < 60)
            return QBrush(StatusStyle::warningColor());
        return {};
    case Qt::TextAlignmentRole:
        if (column == SandboxTreeModel::CpuColumn || column == SandboxTreeModel::MemoryColumn
            || column == SandboxTreeModel::TimeLeftColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SandboxTreeModel::SortRole:
        switch (column) {
        case SandboxTreeModel::CpuColumn:
            return sandbox.cpu;
        case SandboxTreeModel::MemoryColumn:
            return sandbox.memoryMb;
        case SandboxTreeModel::CreatedColumn:
            return sandbox.createdAt.toMSecsSinceEpoch();
        case SandboxTreeModel::TimeLeftColumn:
            return secondsLeft();
        case SandboxTreeModel::StatusColumn:
            return statusRank(sandbox.statusText);
        default:
            return sandboxData(sandbox, column, Qt::DisplayRole, clock);
        }
    case Qt::DisplayRole:
        switch (column) {
        case SandboxTreeModel::IdColumn:
            return sandbox.id;
        case SandboxTreeModel::StatusColumn:
            return sandbox.status == Sandbox::Status::Unknown ? sandbox.statusText
                                                              : statusLabel(sandbox.status);
        case SandboxTreeModel::TemplateColumn:
            return sandbox.templateName;
        case SandboxTreeModel::RegionColumn:
            return sandbox.region;
        case SandboxTreeModel::CpuColumn:
            return QLocale().toString(sandbox.cpu, 'g', 3);
        case SandboxTreeModel::MemoryColumn:
            return tr("%1 MB").arg(sandbox.memoryMb);
        case SandboxTreeModel::NetworkColumn:
            return sandbox.network;
        case SandboxTreeModel::CreatedColumn:
            return QLocale().toString(sandbox.createdAt.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s);
        case SandboxTreeModel::TimeLeftColumn:
            if (sandbox.status == Sandbox::Status::Paused)
                return tr("paused");
            return sandbox.expiresAt.isValid() && !sandbox.isFinal() ? formatTimeLeft(secondsLeft()) : u"—"_s;
        case SandboxTreeModel::MetadataColumn:
            return metadataText();
        default:
            return {};
        }
    default:
        return {};
    }
}

bool SandboxCells::isUsageColumn(int column)
{
    return column == SandboxTreeModel::CpuUsageColumn || column == SandboxTreeModel::MemoryUsageColumn;
}

std::optional<QVariant> SandboxCells::usageData(const Sandbox &sandbox, const SandboxUsage::Trace *trace,
                                                int column, int role)
{
    const bool cpu = column == SandboxTreeModel::CpuUsageColumn;
    const SparkSeries *series = nullptr;
    if (trace && sandbox.status == Sandbox::Status::Running) {
        series = cpu ? &trace->cpuPercent : &trace->memoryBytes;
        if (series->isEmpty())
            series = nullptr;
    }
    // What a full cell stands for: the CPU limit (100 % is one core) or the memory limit.
    const double scale = cpu ? 100.0 * sandbox.cpu : double(sandbox.memoryMb) * 1024 * 1024;
    const auto percentText = [](double percent) {
        return tr("%1 %", "percent").arg(QLocale().toString(percent, 'f', percent < 10 ? 1 : 0));
    };
    const auto bytesText = [](double bytes) {
        return QLocale().formattedDataSize(qint64(bytes), bytes < 1024.0 * 1024 * 1024 ? 0 : 1,
                                           QLocale::DataSizeTraditionalFormat);
    };
    const auto valueText = [&](double value) {
        return cpu ? percentText(value) : bytesText(value);
    };
    switch (role) {
    case Qt::DisplayRole:
        return series ? QVariant(valueText(series->last())) : QVariant(u"—"_s);
    case SandboxTreeModel::SortRole:
        return series ? QVariant(double(series->last())) : QVariant();
    case SandboxTreeModel::UsageSeriesRole:
        return QVariant::fromValue(series);
    case SandboxTreeModel::UsageScaleRole:
        return std::max(scale, 0.0);
    case Qt::TextAlignmentRole:
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
        if (!series)
            return tr("Only running sandboxes are measured");
        const double now = series->last();
        QString text;
        if (cpu)
            text = tr("CPU now: %1 (100 % is one core; the limit is %2)")
                       .arg(percentText(now), percentText(scale));
        else if (scale > 0)
            text = tr("Memory now: %1 of %2 (%3)")
                       .arg(bytesText(now), bytesText(scale), percentText(100.0 * now / scale));
        else
            text = tr("Memory now: %1").arg(bytesText(now));
        // Samples come every 2 s: the minutes the line covers, rounded up.
        const int minutes = std::max(1, (series->size() * 2 + 59) / 60);
        return text + u'\n'
            + tr("Highest in the last %n minute(s): %1", nullptr, minutes).arg(valueText(series->maximum()));
    }
    default:
        return std::nullopt;
    }
}

} // namespace OrkestrUi
