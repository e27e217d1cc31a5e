#pragma once

#include <QDockWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace Orkestr {
class Client;
}

namespace OrkestrUi {

class RequestLogModel;

// A dock listing every API request of the session (time, method, path, status, duration,
// request id, retries), filterable, with "copy as curl" (token redacted) and "copy request id".
class RequestInspector : public QDockWidget
{
    Q_OBJECT
public:
    explicit RequestInspector(Orkestr::Client *client, QWidget *parent = nullptr);

    RequestLogModel *model() const { return m_model; }
    QSortFilterProxyModel *filterModel() const { return m_filter; }
    QTableView *view() const { return m_view; }
    void setFilterText(const QString &text);
    // The curl command for the selected request (what "Copy as curl" puts on the clipboard).
    QString selectedCurl() const;

private:
    Orkestr::Client *m_client;
    RequestLogModel *m_model;
    QSortFilterProxyModel *m_filter;
    QTableView *m_view;
    QLineEdit *m_search;
};

} // namespace OrkestrUi
