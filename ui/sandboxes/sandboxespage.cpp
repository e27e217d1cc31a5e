#include "ui/sandboxes/sandboxespage.h"

#include "session/attentionmonitor.h"
#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "ui/sandboxes/attentionstrip.h"
#include "ui/sandboxes/createsandboxdialog.h"
#include "ui/sandboxes/metricsparkline.h"
#include "ui/sandboxes/sandboxcolumns.h"
#include "ui/sandboxes/sandboxfacets.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxes/sandboxusage.h"
#include "ui/sandboxes/snapshotcapdialog.h"
#include "ui/views/longlisttreeview.h"
#include "ui/views/statictextdelegate.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
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

namespace {
// At 1280 px (a first start's window): the facets, the default columns without a scrollbar, and a
// terminal of 70 columns.
constexpr int LaptopWidth = 1280;
constexpr int FacetsWidth = 140;
constexpr int ListWidth = 550;
// From this many shown rows a relayout of the list costs milliseconds: changes are gathered
// (SandboxTreeModel::setHoldBack) and the repaint waits for the next pass (LongListTreeView).
constexpr int LongListRows = 20000;
} // namespace

SandboxesPage::SandboxesPage(OrkestrSession::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_actions(session->actions())
    , m_model(new SandboxTreeModel(session->sandboxes(), this))
    , m_usage(new SandboxUsage(this))
{
    m_model->setUsage(m_usage);
    // A stream of status changes reaches a long list as at most one relayout a frame, not one per change.
    m_model->setHoldBack(std::chrono::milliseconds(16), LongListRows);
    connect(m_usage, &SandboxUsage::changed, m_model, &SandboxTreeModel::usageChanged);
    m_usage->follow(session->metrics());
    buildUi();
    auto *store = m_session->sandboxes();
    auto *poller = store->poller();

    // Sized to the contents once, on the first sandboxes (the model has them by now).
    connect(store, &OrkestrSession::SandboxStore::sandboxesAdded, this, [this] {
        if (!m_columnsSized && m_model->sandboxCount() > 0) {
            m_columnsSized = true;
            m_columns->fitToContents();
        }
        // The keys of the list act on a sandbox from the first one listed.
        if (m_view->hasFocus() && !m_view->currentIndex().isValid())
            focusList();
    });
    // What needs attention: counted below the widgets, shown in the strip above the list.
    auto *attentionMonitor = new OrkestrSession::AttentionMonitor(m_session, this);
    connect(attentionMonitor, &OrkestrSession::AttentionMonitor::summaryChanged, this,
            [this](const OrkestrSession::AttentionSummary &summary) {
                m_attention->setSummary(summary);
                // Time moves sandboxes into the last 5 minutes: the filter looks again.
                if (m_model->filter().attentionOnly)
                    applyFilter([](SandboxFilter &) {});
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
    const struct
    {
        Action action;
        QStyle::StandardPixmap icon;
        const char *text;
        QKeySequence shortcut;
        QString objectName;
    } sandboxActions[] = {
        {Action::Pause, QStyle::SP_MediaPause, QT_TR_NOOP("Pause"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), u"pauseAction"_s},
        {Action::Resume, QStyle::SP_MediaPlay, QT_TR_NOOP("Resume"),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), u"resumeAction"_s},
        {Action::Terminate, QStyle::SP_DialogDiscardButton, QT_TR_NOOP("Terminate"),
         QKeySequence(QKeySequence::Delete), u"terminateAction"_s},
    };
    for (const auto &spec : sandboxActions) {
        auto *action
            = toolbar->addAction(style()->standardIcon(spec.icon), tr(spec.text), this,
                                 [this, which = spec.action] { m_actions->run(which, selectedIds()); });
        action->setShortcut(spec.shortcut);
        action->setObjectName(spec.objectName);
        m_sandboxActions[std::size_t(spec.action)] = action;
    }
    toolbar->addSeparator();
    m_copyIdAction = toolbar->addAction(
        tr("Copy id"), this, [this] { QGuiApplication::clipboard()->setText(selectedIds().join(u'\n')); });
    m_copyIdAction->setShortcut(QKeySequence::Copy);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    for (auto *action : QList<QAction *> {m_refreshAction, m_createAction}
             + QList(m_sandboxActions.begin(), m_sandboxActions.end()))
        action->setToolTip(
            u"%1 (%2)"_s.arg(action->text(), action->shortcut().toString(QKeySequence::NativeText)));

    m_search = new QLineEdit(this);
    m_search->setObjectName(u"searchBox"_s);
    m_search->setPlaceholderText(tr("Search id, template or metadata (agent_run=r_42)"));
    m_search->setAccessibleName(tr("Search sandboxes"));
    m_search->setToolTip(tr("Search by id, template or metadata (/ in the list)"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        applyFilter([&text](SandboxFilter &filter) { filter.words = text.split(u' ', Qt::SkipEmptyParts); });
    });
    // Down or Enter in the search box goes back to the list, Escape clears the search first.
    m_search->installEventFilter(this);
    auto *findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, m_search, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(findAction);

    m_grouping = new QComboBox(this);
    m_grouping->setObjectName(u"groupingBox"_s);
    m_grouping->setAccessibleName(tr("Grouping"));
    m_grouping->setToolTip(tr("How the list is grouped"));
    m_grouping->addItem(tr("Group by region, then status"),
                        int(SandboxTreeModel::Grouping::RegionThenStatus));
    m_grouping->addItem(tr("Group by region"), int(SandboxTreeModel::Grouping::Region));
    m_grouping->addItem(tr("Group by status"), int(SandboxTreeModel::Grouping::Status));
    m_grouping->addItem(tr("No grouping"), int(SandboxTreeModel::Grouping::None));
    connect(m_grouping, &QComboBox::activated, this, [this](int index) {
        const auto grouping = SandboxTreeModel::Grouping(m_grouping->itemData(index).toInt());
        m_model->setGrouping(grouping);
        m_columns->setGrouping(grouping);
        m_view->expandAll();
    });

    m_facets = new SandboxFacets(m_session->sandboxes(), this);
    connect(m_facets, &SandboxFacets::facetChanged, this,
            [this](OrkestrSession::SandboxStore::Facet facet, const QSet<QString> &allowed) {
                applyFilter([&](SandboxFilter &filter) {
                    (facet == OrkestrSession::SandboxStore::Facet::Region       ? filter.regions
                         : facet == OrkestrSession::SandboxStore::Facet::Status ? filter.statuses
                                                                                : filter.templates)
                        = allowed;
                });
                m_view->expandAll();
            });
    m_facets->setAccessibleName(tr("Facets"));
    m_facets->setToolTip(tr("Show only some regions, statuses or templates"));

    auto *view = new LongListTreeView(this);
    // A long list's relayout and repaint hold the event loop in turn, not for their sum.
    view->setSplitRepaintWhen([this] { return m_model->shownCount() >= LongListRows; });
    m_view = view;
    m_view->setObjectName(u"sandboxList"_s);
    m_view->setAccessibleName(tr("Sandboxes"));
    m_view->setModel(m_model);
    m_view->installEventFilter(this);
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        const QString id = index.data(SandboxTreeModel::SandboxIdRole).toString();
        if (!id.isEmpty())
            Q_EMIT openRequested(id);
    });
    // Cell texts are laid out once and kept: most of a repaint was shaping the same strings.
    m_view->setItemDelegate(new StaticTextDelegate(m_view));
    auto *sparklines = new MetricSparklineDelegate(m_view);
    m_view->setItemDelegateForColumn(SandboxTreeModel::CpuUsageColumn, sparklines);
    m_view->setItemDelegateForColumn(SandboxTreeModel::MemoryUsageColumn, sparklines);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setUniformRowHeights(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers); // read-only cells
    // Two levels of groups: a narrow indent leaves the ids their width.
    m_view->setIndentation(14);
    m_view->setAlternatingRowColors(true);
    // Sized to the contents once, on the first list: sizing on every update costs most of a
    // refresh with thousands of rows (measured in bench_dashboard).
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->header()->setStretchLastSection(true);
    m_columns = new SandboxColumns(m_view);
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
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SandboxesPage::followSelection);

    m_attention = new AttentionStrip(this);
    connect(m_attention, &AttentionStrip::filterToggled, this, &SandboxesPage::setAttentionOnly);
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
    centerLayout->addWidget(m_attention);
    centerLayout->addWidget(m_view, 1);
    centerLayout->addWidget(m_results);

    m_splitter = new QSplitter(this);
    m_splitter->setObjectName(u"pageSplitter"_s);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_facets);
    m_splitter->addWidget(center);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(m_splitter, 1);
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
    if (watched == m_view && event->type() == QEvent::KeyPress
        && handleListKey(static_cast<QKeyEvent *>(event)))
        return true;
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Return || key == Qt::Key_Enter) {
            focusList();
            return true;
        }
        if (key == Qt::Key_Escape) {
            if (m_search->text().isEmpty())
                focusList();
            else
                m_search->clear();
            return true;
        }
    }
    // The list's CPU and memory are polled only while it is visible.
    if (watched == m_view && (event->type() == QEvent::Show || event->type() == QEvent::Hide))
        m_usage->setDemanded(event->type() == QEvent::Show);
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        m_emptyHint->setGeometry(m_view->viewport()->rect().adjusted(24, 24, -24, -24));
    if (watched == m_splitter && event->type() == QEvent::Resize && m_defaultShares)
        applyDefaultShares();
    return QWidget::eventFilter(watched, event);
}

void SandboxesPage::saveLayout(QSettings &settings) const
{
    settings.setValue(u"sandboxes/header"_s, m_view->header()->saveState());
    settings.setValue(u"sandboxes/columns"_s, m_columns->saveState());
    settings.setValue(u"sandboxes/grouping"_s, m_grouping->currentData().toInt());
    settings.setValue(u"sandboxes/splitter"_s, m_splitter->saveState());
    settings.setValue(u"sandboxes/defaultShares"_s, m_defaultShares);
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
    m_columns->setGrouping(m_model->grouping());
    m_columns->restoreState(settings.value(u"sandboxes/columns"_s).toByteArray());
    // Sizes the user set by moving a handle are kept; the default shares follow the window.
    const bool restored = m_splitter->restoreState(settings.value(u"sandboxes/splitter"_s).toByteArray());
    m_defaultShares = !restored || settings.value(u"sandboxes/defaultShares"_s, false).toBool();
}

void SandboxesPage::setWorkbench(QWidget *workbench)
{
    m_splitter->addWidget(workbench);
    m_splitter->setSizes({FacetsWidth, ListWidth, LaptopWidth - FacetsWidth - ListWidth});
    // Once the user has moved a handle, a resized window shares its change 2 to 3.
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setStretchFactor(2, 3);
    m_splitter->installEventFilter(this);
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_defaultShares = false; });
}

void SandboxesPage::applyDefaultShares()
{
    if (m_splitter->count() != 3)
        return;
    // The width being laid out (the sizes still have the previous one): less the two handles.
    const int total = m_splitter->contentsRect().width() - 2 * m_splitter->handleWidth();
    // Up to a laptop's width the splitter shrinks the list and the view alike (setSizes above).
    const int extra = total - LaptopWidth;
    if (extra <= 0)
        return;
    // A larger window: the facets a sixteenth of the extra width (up to 220 px: their names stop
    // being cut off), the list three eighths (it shows more columns), the view the rest (long
    // terminal lines). At 2560 px about 220, 1030 and 1300.
    const int facets = std::min(FacetsWidth + extra / 16, 220);
    const int list = ListWidth + extra * 3 / 8;
    m_splitter->setSizes({facets, list, total - facets - list});
}

void SandboxesPage::applyFilter(const std::function<void(SandboxFilter &)> &change)
{
    SandboxFilter filter = m_model->filter();
    change(filter);
    m_model->setFilter(filter);
    updateEmptyHint();
}

void SandboxesPage::setAttentionOnly(bool only)
{
    if (m_attention->isFiltering() != only)
        m_attention->setFiltering(only); // comes back here through the strip's signal
    applyFilter([only](SandboxFilter &filter) { filter.attentionOnly = only; });
    m_view->expandAll();
}

void SandboxesPage::focusList()
{
    // On a sandbox: the current one, else the first, below its groups.
    const QModelIndex current = m_view->currentIndex();
    if ((!current.isValid() || current.data(SandboxTreeModel::IsGroupRole).toBool())
        && m_model->rowCount() > 0) {
        QModelIndex index = m_model->index(0, 0);
        while (m_model->rowCount(index) > 0)
            index = m_model->index(0, 0, index);
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    }
    m_view->setFocus(Qt::OtherFocusReason);
}

bool SandboxesPage::handleListKey(QKeyEvent *event)
{
    if (event->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier))
        return false;
    switch (event->key()) {
    case Qt::Key_J:
    case Qt::Key_K: {
        // Vim's keys move like the arrows (Shift extends the selection as with the arrows).
        QKeyEvent arrow(QEvent::KeyPress, event->key() == Qt::Key_J ? Qt::Key_Down : Qt::Key_Up,
                        event->modifiers());
        QCoreApplication::sendEvent(m_view, &arrow);
        return true;
    }
    case Qt::Key_Slash:
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter: {
        const QString id = m_view->currentIndex().data(SandboxTreeModel::SandboxIdRole).toString();
        if (id.isEmpty())
            return false;
        Q_EMIT openRequested(id);
        return true;
    }
    default:
        return false;
    }
}

QAction *SandboxesPage::action(Action which) const
{
    return m_sandboxActions.at(std::size_t(which));
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
    m_model->applyHeldBackChanges(); // a sandbox just created or changed has its row now
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
    Q_EMIT currentSandboxChanged(currentSandbox());
    updateActions();
}

void SandboxesPage::updateActions()
{
    const QStringList ids = selectedIds();
    for (const auto which : {Action::Pause, Action::Resume, Action::Terminate})
        action(which)->setEnabled(m_actions->canRun(which, ids));
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
                       .arg(account.snapshots.used)
                       .arg(account.snapshots.cap);
    }
    action(Action::Pause)->setToolTip(pauseTip);
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
    // Back on the list when the dialog closes (on the new sandbox when one was made).
    connect(dialog, &QDialog::finished, m_view, [this] { m_view->setFocus(Qt::OtherFocusReason); });
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
