#include "ui/sandboxes/sandboxespage.h"

#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "ui/sandboxes/createsandboxdialog.h"
#include "ui/sandboxes/sandboxdetails.h"
#include "ui/sandboxes/sandboxfacets.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxes/snapshotcapdialog.h"
#include "ui/views/statictextdelegate.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSplitter>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using Orkestr::Sandbox;

SandboxesPage::SandboxesPage(OrkestrSession::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_actions(session->actions())
    , m_model(new SandboxTreeModel(session->sandboxes(), this))
{
    buildUi();
    auto *store = m_session->sandboxes();
    auto *poller = store->poller();

    // Sized to the contents once, on the first sandboxes (the model has them by now).
    connect(store, &OrkestrSession::SandboxStore::sandboxesAdded, this, [this] {
        if (!m_columnsSized && m_model->sandboxCount() > 0) {
            m_columnsSized = true;
            m_view->header()->resizeSections(QHeaderView::ResizeToContents);
        }
    });
    // The freshness line ticks with the countdown.
    auto *freshnessTimer = new QTimer(this);
    freshnessTimer->start(1000);
    connect(freshnessTimer, &QTimer::timeout, this, [this] { m_freshness->setText(freshnessText()); });
    connect(poller, &OrkestrSession::SandboxPoller::stateChanged, this,
            [this] { m_freshness->setText(freshnessText()); });
    connect(poller, &OrkestrSession::SandboxPoller::polled, this, [this] {
        m_freshness->setText(freshnessText());
        updateEmptyHint();
    });

    // Facet counts follow the store; coalesced, since one poll may change many sandboxes.
    auto *facetTimer = new QTimer(this);
    facetTimer->setSingleShot(true);
    facetTimer->setInterval(0);
    connect(facetTimer, &QTimer::timeout, this, [this] { m_facets->showCounts(m_model->filter()); });
    connect(store, &OrkestrSession::SandboxStore::facetCountsChanged, facetTimer,
            qOverload<>(&QTimer::start));

    // The details and the buttons follow the selected sandboxes, whose data may change under them.
    // A poll may change hundreds: only changes of selected ones count.
    connect(store, &OrkestrSession::SandboxStore::sandboxesChanged, this, [this](const QStringList &ids) {
        const auto selected = selectedIds();
        if (std::any_of(ids.cbegin(), ids.cend(), [&](const QString &id) { return selected.contains(id); }))
            followSelection();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &SandboxesPage::followSelection);

    // The rules are the session's; the page shows what they allow.
    connect(m_session, &OrkestrSession::Session::accountChanged, this, &SandboxesPage::updateActions);
    connect(m_session, &OrkestrSession::Session::writePolicyChanged, this, [this] {
        updateActions();
        updateEmptyHint();
    });
    connect(m_actions, &OrkestrSession::SandboxActions::started, this, [this](Action, int count) {
        m_results->setText(tr("Working on %n sandboxes…", nullptr, count));
        updateActions();
    });
    connect(m_actions, &OrkestrSession::SandboxActions::finished, this, &SandboxesPage::showResult);
    connect(m_actions, &OrkestrSession::SandboxActions::snapshotCapReached, this,
            &SandboxesPage::showSnapshotCapDialog);
}

void SandboxesPage::buildUi()
{
    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_refreshAction = toolbar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"), this,
                                         &SandboxesPage::refresh);
    toolbar->addSeparator();
    m_createAction = toolbar->addAction(style()->standardIcon(QStyle::SP_FileDialogNewFolder),
                                        tr("New sandbox…"), this, &SandboxesPage::openCreateDialog);
    m_createAction->setObjectName(u"createAction"_s);
    m_createAction->setShortcut(QKeySequence::New);
    m_pauseAction = toolbar->addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"), this,
                                       [this] { m_actions->run(Action::Pause, selectedIds()); });
    m_resumeAction = toolbar->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Resume"), this,
                                        [this] { m_actions->run(Action::Resume, selectedIds()); });
    m_terminateAction
        = toolbar->addAction(style()->standardIcon(QStyle::SP_DialogDiscardButton), tr("Terminate"), this,
                             [this] { m_actions->run(Action::Terminate, selectedIds()); });
    toolbar->addSeparator();
    m_copyIdAction = toolbar->addAction(
        tr("Copy id"), this, [this] { QGuiApplication::clipboard()->setText(selectedIds().join(u'\n')); });
    m_copyIdAction->setShortcut(QKeySequence::Copy);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_pauseAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_resumeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_terminateAction->setShortcut(QKeySequence::Delete);
    for (auto *action : {m_refreshAction, m_createAction, m_pauseAction, m_resumeAction, m_terminateAction})
        action->setToolTip(
            u"%1 (%2)"_s.arg(action->text(), action->shortcut().toString(QKeySequence::NativeText)));
    m_pauseAction->setObjectName(u"pauseAction"_s);
    m_resumeAction->setObjectName(u"resumeAction"_s);
    m_terminateAction->setObjectName(u"terminateAction"_s);

    m_search = new QLineEdit(this);
    m_search->setObjectName(u"searchBox"_s);
    m_search->setPlaceholderText(tr("Search id, template or metadata (agent_run=r_42)"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        SandboxFilter filter = m_model->filter();
        filter.words = text.split(u' ', Qt::SkipEmptyParts);
        m_model->setFilter(filter);
    });
    auto *findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, m_search, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(findAction);

    m_grouping = new QComboBox(this);
    m_grouping->setObjectName(u"groupingBox"_s);
    m_grouping->addItem(tr("Group by region, then status"),
                        int(SandboxTreeModel::Grouping::RegionThenStatus));
    m_grouping->addItem(tr("Group by region"), int(SandboxTreeModel::Grouping::Region));
    m_grouping->addItem(tr("Group by status"), int(SandboxTreeModel::Grouping::Status));
    m_grouping->addItem(tr("No grouping"), int(SandboxTreeModel::Grouping::None));
    connect(m_grouping, &QComboBox::activated, this, [this](int index) {
        m_model->setGrouping(SandboxTreeModel::Grouping(m_grouping->itemData(index).toInt()));
        m_view->expandAll();
    });

    m_facets = new SandboxFacets(m_session->sandboxes(), this);
    connect(m_facets, &SandboxFacets::facetChanged, this,
            [this](OrkestrSession::SandboxStore::Facet facet, const QSet<QString> &allowed) {
                SandboxFilter filter = m_model->filter();
                (facet == OrkestrSession::SandboxStore::Facet::Region       ? filter.regions
                     : facet == OrkestrSession::SandboxStore::Facet::Status ? filter.statuses
                                                                            : filter.templates)
                    = allowed;
                m_model->setFilter(filter);
                m_view->expandAll();
                updateEmptyHint();
            });

    m_view = new QTreeView(this);
    m_view->setObjectName(u"sandboxView"_s);
    m_view->setModel(m_model);
    // Cell texts are laid out once and kept: most of a repaint was shaping the same strings.
    m_view->setItemDelegate(new StaticTextDelegate(m_view));
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    // Sized to the contents once, on the first list: sizing on every update costs most of a
    // refresh with thousands of rows (measured in bench_dashboard).
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->header()->setStretchLastSection(true);
    // New groups open as they appear, so a new region or status is seen at once.
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                for (int row = first; row <= last; ++row) {
                    const auto index = m_model->index(row, 0, parent);
                    if (index.data(SandboxTreeModel::IsGroupRole).toBool())
                        m_view->expandRecursively(index);
                }
            });
    // An empty list says why it is empty, instead of showing a blank white area.
    m_emptyHint = new QLabel(m_view->viewport());
    m_emptyHint->setObjectName(u"emptyHint"_s);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_view->viewport()->installEventFilter(this);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &SandboxesPage::updateEmptyHint);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SandboxesPage::updateEmptyHint);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &SandboxesPage::updateEmptyHint);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        followSelection();
        Q_EMIT currentSandboxChanged(currentSandbox());
    });

    m_details = new SandboxDetails(this);
    m_freshness = new QLabel(this);
    m_freshness->setObjectName(u"freshnessLabel"_s);
    m_results = new QLabel(this);
    m_results->setObjectName(u"resultsLabel"_s);
    m_results->setWordWrap(true);
    m_results->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_search, 1);
    filterRow->addWidget(m_grouping);
    filterRow->addWidget(m_freshness);

    auto *center = new QWidget(this);
    auto *centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(0, 0, 0, 0);
    centerLayout->addLayout(filterRow);
    m_centerSplitter = new QSplitter(Qt::Vertical, center);
    auto *listArea = new QWidget(m_centerSplitter);
    auto *listLayout = new QVBoxLayout(listArea);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_view, 1);
    listLayout->addWidget(m_results);
    m_centerSplitter->addWidget(listArea);
    centerLayout->addWidget(m_centerSplitter, 1);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_facets);
    splitter->addWidget(center);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 1);
    splitter->setSizes({170, 700, 300});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(splitter, 1);
    updateActions();
}

void SandboxesPage::updateEmptyHint()
{
    QString text;
    if (m_model->rowCount() == 0) {
        if (m_model->sandboxCount() > 0)
            text = tr("No sandbox matches the search and the selected facets.");
        else if (poller()->lastFresh().isValid())
            text = m_session->isReadOnly()
                ? tr("No sandboxes.")
                : tr("No sandboxes yet. Create one with New sandbox… (%1).")
                      .arg(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText));
    }
    m_emptyHint->setText(text);
    m_emptyHint->setVisible(!text.isEmpty());
    m_emptyHint->setGeometry(m_view->viewport()->rect().adjusted(24, 24, -24, -24));
}

QString SandboxesPage::emptyHintText() const
{
    return m_emptyHint->isVisible() ? m_emptyHint->text() : QString();
}

bool SandboxesPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        m_emptyHint->setGeometry(m_view->viewport()->rect().adjusted(24, 24, -24, -24));
    return QWidget::eventFilter(watched, event);
}

void SandboxesPage::saveLayout(QSettings &settings) const
{
    settings.setValue(u"sandboxes/header"_s, m_view->header()->saveState());
    settings.setValue(u"sandboxes/grouping"_s, m_grouping->currentData().toInt());
}

void SandboxesPage::restoreLayout(QSettings &settings)
{
    // A layout the user arranged wins over sizing to the contents.
    m_columnsSized = m_view->header()->restoreState(settings.value(u"sandboxes/header"_s).toByteArray());
    const int index
        = m_grouping->findData(settings.value(u"sandboxes/grouping"_s, m_grouping->currentData()).toInt());
    if (index >= 0) {
        m_grouping->setCurrentIndex(index);
        m_model->setGrouping(SandboxTreeModel::Grouping(m_grouping->itemData(index).toInt()));
    }
}

void SandboxesPage::setWorkbench(QWidget *workbench)
{
    m_centerSplitter->addWidget(workbench);
    m_centerSplitter->setStretchFactor(0, 3);
    m_centerSplitter->setStretchFactor(1, 2);
}

QAction *SandboxesPage::action(Action which) const
{
    switch (which) {
    case Action::Pause:
        return m_pauseAction;
    case Action::Resume:
        return m_resumeAction;
    case Action::Terminate:
        return m_terminateAction;
    }
    return nullptr;
}

OrkestrSession::SandboxPoller *SandboxesPage::poller() const
{
    return m_session->sandboxes()->poller();
}

void SandboxesPage::refresh()
{
    poller()->refreshNow();
}

QString SandboxesPage::freshnessText() const
{
    return poller()->describe();
}
QString SandboxesPage::resultText() const
{
    return m_results->text();
}

QStringList SandboxesPage::selectedIds() const
{
    QStringList ids;
    const auto rows = m_view->selectionModel()->selectedRows();
    for (const auto &row : rows) {
        const QString id = row.data(SandboxTreeModel::SandboxIdRole).toString();
        if (!id.isEmpty())
            ids.append(id);
    }
    return ids;
}

void SandboxesPage::selectIds(const QStringList &ids)
{
    QItemSelection selection;
    for (const auto &id : ids) {
        const auto index = m_model->indexForId(id);
        if (index.isValid())
            selection.select(index, index);
    }
    m_view->selectionModel()->select(selection,
                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!selection.isEmpty())
        m_view->selectionModel()->setCurrentIndex(selection.indexes().first(), QItemSelectionModel::NoUpdate);
}

std::optional<Sandbox> SandboxesPage::currentSandbox() const
{
    const auto ids = selectedIds();
    if (ids.size() != 1)
        return std::nullopt;
    return m_session->sandboxes()->sandbox(ids.first());
}

void SandboxesPage::followSelection()
{
    m_details->setSandbox(currentSandbox());
    updateActions();
}

void SandboxesPage::updateActions()
{
    const QStringList ids = selectedIds();
    m_pauseAction->setEnabled(m_actions->canRun(Action::Pause, ids));
    m_resumeAction->setEnabled(m_actions->canRun(Action::Resume, ids));
    m_terminateAction->setEnabled(m_actions->canRun(Action::Terminate, ids));
    m_copyIdAction->setEnabled(!ids.isEmpty());
    m_createAction->setEnabled(!m_session->isReadOnly());

    const auto toPause = m_actions->applicable(Action::Pause, ids).size();
    QString pauseTip = tr("Pause: snapshot the sandbox and stop its compute meter");
    if (m_session->isReadOnly()) {
        pauseTip = tr("Read-only: this connection cannot change sandboxes");
    } else if (toPause > 0 && !m_actions->pauseFitsQuota(toPause)) {
        const auto account = m_session->account();
        pauseTip = tr("Every snapshot slot of the %1 plan is in use (%2 of %3): resume or terminate a paused "
                      "sandbox first")
                       .arg(account.plan)
                       .arg(account.snapshotsUsed)
                       .arg(account.snapshotsCap);
    }
    m_pauseAction->setToolTip(pauseTip);
}

void SandboxesPage::showResult(const OrkestrSession::SandboxActions::Result &result)
{
    m_results->setText(result.summary());
    updateActions();
}

CreateSandboxDialog *SandboxesPage::openCreateDialog()
{
    if (m_session->isReadOnly())
        return nullptr;
    auto *dialog = new CreateSandboxDialog(m_session->client(), m_session->account(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateSandboxDialog::created, this, [this](const Sandbox &sandbox) {
        m_session->sandboxes()->updateSandbox(sandbox);
        selectIds({sandbox.id});
        m_results->setText(tr("Created %1.").arg(sandbox.id));
        // A new sandbox changes the account's usage.
        m_session->refreshAccount();
        poller()->refreshNow();
    });
    dialog->open();
    return dialog;
}

void SandboxesPage::showSnapshotCapDialog(const Orkestr::ApiError &error)
{
    // The server says every slot is taken: offer the paused sandboxes, oldest first, to free one.
    auto *dialog = new SnapshotCapDialog(error, m_actions->pausedOldestFirst(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SnapshotCapDialog::resumeRequested, m_actions,
            [this](const QString &id) { m_actions->run(Action::Resume, {id}); });
    connect(dialog, &SnapshotCapDialog::terminateRequested, m_actions,
            [this](const QString &id) { m_actions->run(Action::Terminate, {id}); });
    dialog->open();
}

} // namespace OrkestrUi
