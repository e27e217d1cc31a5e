#include "ui/inspector/requestinspector.h"

#include "core/client.h"
#include "ui/inspector/requestlogmodel.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

RequestInspector::RequestInspector(Orkestr::Client *client, QWidget *parent)
    : QDockWidget(tr("Requests"), parent)
    , m_client(client)
    , m_model(new RequestLogModel(this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_search(new QLineEdit(this))
{
    setObjectName(u"requestInspector"_s);
    m_filter->setSourceModel(m_model);
    m_filter->setFilterKeyColumn(-1); // any column: path, status, request id...
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    connect(m_client, &Orkestr::Client::requestLogged, m_model, &RequestLogModel::append);

    m_search->setPlaceholderText(tr("Filter: path, status, request id…"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, &RequestInspector::setFilterText);

    m_view->setModel(m_filter);
    m_view->setObjectName(u"requestView"_s);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    // Follow new requests while the newest row is shown.
    connect(m_model, &QAbstractItemModel::rowsInserted, m_view, [this] {
        if (m_view->selectionModel()->selectedRows().isEmpty())
            m_view->scrollToBottom();
    });

    auto *copyCurl = new QPushButton(tr("Copy as curl"), this);
    copyCurl->setToolTip(
        tr("The command reads the token from $ORKESTR_API_KEY; the token itself is never copied."));
    connect(copyCurl, &QPushButton::clicked, this, [this] {
        const QString command = selectedCurl();
        if (!command.isEmpty())
            QGuiApplication::clipboard()->setText(command);
    });
    auto *copyId = new QPushButton(tr("Copy request id"), this);
    connect(copyId, &QPushButton::clicked, this, [this] {
        const auto rows = m_view->selectionModel()->selectedRows(RequestLogModel::RequestIdColumn);
        if (!rows.isEmpty())
            QGuiApplication::clipboard()->setText(rows.first().data().toString());
    });
    auto *clear = new QPushButton(tr("Clear"), this);
    connect(clear, &QPushButton::clicked, m_model, &RequestLogModel::clear);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_search, 1);
    for (auto *button : {copyCurl, copyId, clear})
        buttons->addWidget(button);
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
    setWidget(content);
}

void RequestInspector::setFilterText(const QString &text)
{
    if (m_search->text() != text)
        m_search->setText(text);
    m_filter->setFilterFixedString(text);
}

QString RequestInspector::selectedCurl() const
{
    const auto rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    const int sourceRow = m_filter->mapToSource(rows.first()).row();
    return RequestLogModel::curlCommand(m_client->baseUrl(), m_model->entry(sourceRow));
}

} // namespace OrkestrUi
