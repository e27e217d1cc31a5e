#pragma once

#include "core/requestlogentry.h"

#include <QAbstractTableModel>
#include <QList>

namespace OrkestrUi {

// Every API request of the session, newest last, for the request inspector. Bounded: the
// oldest rows go when the limit is reached, so a long session does not grow without end.
class RequestLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        MethodColumn,
        PathColumn,
        StatusColumn,
        DurationColumn,
        RequestIdColumn,
        RetriesColumn,
        ColumnCount
    };

    explicit RequestLogModel(QObject *parent = nullptr);

    void setLimit(int limit) { m_limit = limit; }
    void append(const Orkestr::RequestLogEntry &entry);
    void clear();
    Orkestr::RequestLogEntry entry(int row) const { return m_entries.at(row); }

    // A curl command that repeats the request. The token is never in it: it reads
    // $ORKESTR_API_KEY, so the text can go into a support ticket as it is.
    static QString curlCommand(const QUrl &baseUrl, const Orkestr::RequestLogEntry &entry);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Orkestr::RequestLogEntry> m_entries;
    int m_limit = 5000;
};

} // namespace OrkestrUi
