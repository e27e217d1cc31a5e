#include "ui/inspector/requestlogmodel.h"

#include "session/texttables.h"

#include <QColor>
#include <QLocale>
#include <QUrl>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

RequestLogModel::RequestLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RequestLogModel::append(const Orkestr::RequestLogEntry &entry)
{
    if (m_limit > 0 && m_entries.size() >= m_limit) {
        beginRemoveRows({}, 0, 0);
        m_entries.removeFirst();
        endRemoveRows();
    }
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(entry);
    endInsertRows();
}

void RequestLogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

QString RequestLogModel::curlCommand(const QUrl &baseUrl, const Orkestr::RequestLogEntry &entry)
{
    QUrl url = baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + entry.path);
    if (!entry.query.isEmpty())
        url.setQuery(entry.query, QUrl::StrictMode);
    QString command = u"curl -sS"_s;
    if (entry.method != "GET")
        command += u" -X "_s + QString::fromLatin1(entry.method);
    command += u" -H \"Authorization: Bearer $ORKESTR_API_KEY\""_s;
    command += u" '"_s + url.toString(QUrl::FullyEncoded) + u'\'';
    return command;
}

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}
int RequestLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const auto &entry = m_entries.at(index.row());
    if (role == Qt::ForegroundRole && index.column() == StatusColumn) {
        if (entry.httpStatus == 0 || entry.httpStatus >= 500)
            return QColor(0xdc, 0x3c, 0x3c);
        if (entry.httpStatus >= 400)
            return QColor(0xe0, 0x8a, 0x00);
        return {};
    }
    if (role == Qt::ToolTipRole && !entry.errorType.isEmpty())
        return entry.errorType;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return QLocale().toString(entry.startedAt.toLocalTime().time(), u"HH:mm:ss.zzz"_s);
    case MethodColumn:
        return QString::fromLatin1(entry.method);
    case PathColumn:
        return entry.query.isEmpty() ? entry.path : entry.path + u'?' + entry.query;
    case StatusColumn:
        if (entry.httpStatus == 0)
            return entry.errorType.isEmpty() ? tr("—") : entry.errorType;
        return entry.errorType.isEmpty() ? QString::number(entry.httpStatus)
                                         : tr("%1 %2").arg(entry.httpStatus).arg(entry.errorType);
    case DurationColumn:
        return tr("%1 ms").arg(entry.durationMs);
    case RequestIdColumn:
        return entry.requestId;
    case RetriesColumn:
        return entry.retries;
    default:
        return {};
    }
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static constexpr const char *titles[] = {
        QT_TR_NOOP("Time"),     QT_TR_NOOP("Method"),     QT_TR_NOOP("Path"),    QT_TR_NOOP("Status"),
        QT_TR_NOOP("Duration"), QT_TR_NOOP("Request id"), QT_TR_NOOP("Retries"),
    };
    static_assert(std::size(titles) == ColumnCount);
    return OrkestrSession::columnTitle<RequestLogModel>(titles, section, orientation, role);
}

} // namespace OrkestrUi
