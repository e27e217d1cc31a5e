#include "ui/sandboxes/sandboxespage.h"

#include "core/catalogjobs.h"
#include "core/client.h"
#include "core/sandboxjobs.h"
#include "ui/sandboxes/createsandboxdialog.h"
#include "ui/sandboxes/sandboxdetails.h"
#include "ui/sandboxes/sandboxpoller.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/views/statictextdelegate.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using Orkestr::Sandbox;

namespace {
enum FacetGroup { RegionFacets, StatusFacets, TemplateFacets };
}

SandboxesPage::SandboxesPage(Orkestr::Client *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new SandboxTreeModel(this))
    , m_poller(new SandboxPoller(client, this))
{
    qRegisterMetaType<OrkestrUi::SandboxesPage::ActionResult>();
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Orkestr Desk"), question) == QMessageBox::Yes;
    };
    m_snapshotCapHandler = [this](const Orkestr::ApiError &error) {
        showSnapshotCapDialog(error);
    };
    buildUi();

    auto sizeColumnsOnce = [this] {
        if (!m_columnsSized && m_model->sandboxCount() > 0) {
            m_columnsSized = true;
            m_view->header()->resizeSections(QHeaderView::ResizeToContents);
        }
    };
    connect(m_poller, &SandboxPoller::sandboxesChanged, this,
            [this, sizeColumnsOnce](const QList<Sandbox> &sandboxes) {
                m_model->setSandboxes(sandboxes);
                sizeColumnsOnce();
            });
    // A long list shows its first page (the newest sandboxes) while the rest is fetched.
    connect(m_poller, &SandboxPoller::firstPageReceived, this,
            [this, sizeColumnsOnce](const QList<Sandbox> &page) {
                m_model->mergeSandboxes(page);
                sizeColumnsOnce();
            });
    // The freshness line ticks with the countdown.
    auto *freshnessTimer = new QTimer(this);
    freshnessTimer->start(1000);
    connect(freshnessTimer, &QTimer::timeout, this, [this] { m_freshness->setText(m_poller->describe()); });
    connect(m_poller, &SandboxPoller::stateChanged, this,
            [this] { m_freshness->setText(m_poller->describe()); });
    connect(m_poller, &SandboxPoller::polled, this, [this] {
        m_freshness->setText(m_poller->describe());
        updateEmptyHint();
    });

    // Facet counts follow the model; coalesced, since one poll may change many rows.
    auto *facetTimer = new QTimer(this);
    facetTimer->setSingleShot(true);
    facetTimer->setInterval(0);
    connect(facetTimer, &QTimer::timeout, this, &SandboxesPage::updateFacets);
    connect(m_model, &SandboxTreeModel::facetCountsChanged, facetTimer, qOverload<>(&QTimer::start));

    // The details and the buttons follow the current sandbox, whose data may change under it.
    // A poll may change hundreds of rows, a signal each: only changes of selected ones count.
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const auto ids = selectedIds();
                const bool touchesSelection = std::any_of(ids.cbegin(), ids.cend(), [&](const QString &id) {
                    const auto index = m_model->indexForId(id);
                    return index.parent() == topLeft.parent() && index.row() >= topLeft.row()
                        && index.row() <= bottomRight.row();
                });
                if (!touchesSelection)
                    return;
                m_details->setSandbox(currentSandbox());
                updateActions();
            });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] {
        m_details->setSandbox(currentSandbox());
        updateActions();
    });
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
                                       [this] { run(Action::Pause, selectedIds()); });
    m_resumeAction = toolbar->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Resume"), this,
                                        [this] { run(Action::Resume, selectedIds()); });
    m_terminateAction
        = toolbar->addAction(style()->standardIcon(QStyle::SP_DialogDiscardButton), tr("Terminate"), this,
                             [this] { run(Action::Terminate, selectedIds()); });
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

    m_facets = new QTreeWidget(this);
    m_facets->setObjectName(u"facets"_s);
    m_facets->setHeaderHidden(true);
    m_facets->setRootIsDecorated(false);
    for (const auto &title : {tr("Regions"), tr("Statuses"), tr("Templates")}) {
        auto *group = new QTreeWidgetItem(m_facets, {title});
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        group->setFlags(Qt::ItemIsEnabled);
    }
    m_facets->expandAll();
    connect(m_facets, &QTreeWidget::itemChanged, this,
            [this](QTreeWidgetItem *item) { onFacetChanged(item); });

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
        const auto sandbox = currentSandbox();
        m_details->setSandbox(sandbox);
        updateActions();
        Q_EMIT currentSandboxChanged(sandbox);
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
        else if (m_poller->lastFresh().isValid())
            text = isReadOnly()
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

void SandboxesPage::setAccount(const Orkestr::Account &account)
{
    m_account = account;
    m_haveAccount = true;
    updateActions();
}

void SandboxesPage::setInspectOnly(bool inspectOnly)
{
    m_inspectOnly = inspectOnly;
    updateActions();
}

bool SandboxesPage::isReadOnly() const
{
    return m_inspectOnly || (m_haveAccount && !m_account.canWrite());
}

void SandboxesPage::startUpdates()
{
    m_poller->start();
    // Region groups read "fsn1 — Falkenstein, DE": the labels come from the server.
    auto *regions = m_client->call<Orkestr::GetRegionsJob>();
    connect(regions, &Orkestr::Job::succeeded, this, [this](Orkestr::Job *job) {
        QHash<QString, QString> locations;
        for (const auto &region : static_cast<Orkestr::GetRegionsJob *>(job)->regions())
            locations.insert(region.name, region.location);
        m_model->setRegionLocations(locations);
    });
}
void SandboxesPage::stopUpdates()
{
    m_poller->stop();
}
void SandboxesPage::refresh()
{
    m_poller->refreshNow();
}
QString SandboxesPage::freshnessText() const
{
    return m_poller->describe();
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
    return m_model->sandbox(ids.first());
}

void SandboxesPage::updateActions()
{
    QList<Sandbox> selected;
    for (const auto &id : selectedIds()) {
        if (const auto sandbox = m_model->sandbox(id))
            selected.append(*sandbox);
    }
    const bool writable = !isReadOnly();
    const bool idle = m_actionsRunning == 0;
    const auto any = [&](auto predicate) {
        return std::any_of(selected.cbegin(), selected.cend(), predicate);
    };
    const qsizetype toPause
        = std::count_if(selected.cbegin(), selected.cend(), [](const auto &s) { return s.canPause(); });
    const int freeSlots = m_haveAccount ? m_account.snapshotsCap - m_account.snapshotsUsed : int(toPause);
    const bool quotaAllows = toPause <= freeSlots;

    m_pauseAction->setEnabled(writable && idle && toPause > 0 && quotaAllows);
    m_resumeAction->setEnabled(writable && idle && any([](const Sandbox &s) { return s.canResume(); }));
    m_terminateAction->setEnabled(writable && idle && any([](const Sandbox &s) { return !s.isFinal(); }));
    m_copyIdAction->setEnabled(!selected.isEmpty());
    m_createAction->setEnabled(writable);

    QString pauseTip = tr("Pause: snapshot the sandbox and stop its compute meter");
    if (isReadOnly())
        pauseTip = tr("Read-only: this connection cannot change sandboxes");
    else if (toPause > 0 && !quotaAllows)
        pauseTip = tr("Every snapshot slot of the %1 plan is in use (%2 of %3): resume or terminate a paused "
                      "sandbox first")
                       .arg(m_account.plan)
                       .arg(m_account.snapshotsUsed)
                       .arg(m_account.snapshotsCap);
    m_pauseAction->setToolTip(pauseTip);
}

void SandboxesPage::run(Action which, const QStringList &idsIn)
{
    if (isReadOnly() || idsIn.isEmpty())
        return; // nothing in a read-only window sends a write request
    QStringList ids;
    for (const auto &id : idsIn) {
        const auto sandbox = m_model->sandbox(id);
        if (!sandbox)
            continue;
        if ((which == Action::Pause && sandbox->canPause())
            || (which == Action::Resume && sandbox->canResume())
            || (which == Action::Terminate && !sandbox->isFinal()))
            ids.append(id);
    }
    if (ids.isEmpty())
        return;
    if (which == Action::Terminate
        && !m_confirm(ids.size() == 1
                          ? tr("Terminate %1? Its processes stop and its files are deleted.").arg(ids.first())
                          : tr("Terminate %n sandboxes? Their processes stop and their files are deleted.",
                               nullptr, int(ids.size()))))
        return;

    auto results = std::make_shared<QList<ActionResult>>();
    auto remaining = std::make_shared<int>(int(ids.size()));
    ++m_actionsRunning;
    updateActions();
    m_results->setText(tr("Working on %n sandboxes…", nullptr, int(ids.size())));
    for (const auto &id : ids) {
        Orkestr::SandboxJob *job = nullptr;
        switch (which) {
        case Action::Pause:
            job = m_client->call<Orkestr::PauseSandboxJob>(id);
            break;
        case Action::Resume:
            job = m_client->call<Orkestr::ResumeSandboxJob>(id);
            break;
        case Action::Terminate:
            job = m_client->call<Orkestr::TerminateSandboxJob>(id);
            break;
        }
        connect(job, &Orkestr::Job::finished, this,
                [this, which, id, results, remaining](Orkestr::Job *finished) {
                    auto *sandboxJob = static_cast<Orkestr::SandboxJob *>(finished);
                    if (finished->status() == Orkestr::Job::Status::Succeeded)
                        m_model->updateSandbox(sandboxJob->sandbox());
                    results->append({id, finished->error()});
                    if (--*remaining > 0)
                        return;
                    --m_actionsRunning;
                    QStringList lines;
                    int failures = 0;
                    for (const auto &result : std::as_const(*results)) {
                        if (result.error.isError()) {
                            ++failures;
                            lines.append(tr("%1: %2").arg(result.sandboxId, result.error.displayText()));
                        }
                    }
                    const QString done = which == Action::Pause ? tr("Paused")
                        : which == Action::Resume               ? tr("Resumed")
                                                                : tr("Terminated");
                    QString summary
                        = tr("%1 %2 of %3.").arg(done).arg(results->size() - failures).arg(results->size());
                    if (!lines.isEmpty())
                        summary += u'\n' + lines.join(u'\n');
                    m_results->setText(summary);
                    updateActions();
                    Q_EMIT actionFinished(which, *results);
                    Q_EMIT accountMayHaveChanged();
                    m_poller->refreshNow();
                    for (const auto &result : std::as_const(*results)) {
                        if (result.error.kind() == Orkestr::ApiError::Kind::SnapshotCapReached) {
                            m_snapshotCapHandler(result.error);
                            break;
                        }
                    }
                });
    }
}

CreateSandboxDialog *SandboxesPage::openCreateDialog()
{
    if (isReadOnly())
        return nullptr;
    auto *dialog = new CreateSandboxDialog(m_client, m_account, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateSandboxDialog::created, this, [this](const Sandbox &sandbox) {
        m_model->updateSandbox(sandbox);
        selectIds({sandbox.id});
        m_results->setText(tr("Created %1.").arg(sandbox.id));
        Q_EMIT accountMayHaveChanged();
        m_poller->refreshNow();
    });
    dialog->open();
    return dialog;
}

void SandboxesPage::showSnapshotCapDialog(const Orkestr::ApiError &error)
{
    // The server says every slot is taken: offer the paused sandboxes, oldest first, to free one.
    QList<Sandbox> paused;
    for (const auto &sandbox : m_model->sandboxes()) {
        if (sandbox.canResume())
            paused.append(sandbox);
    }
    std::sort(paused.begin(), paused.end(),
              [](const Sandbox &a, const Sandbox &b) { return a.pausedAt < b.pausedAt; });

    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(u"snapshotCapDialog"_s);
    dialog->setWindowTitle(tr("Snapshot quota full"));
    auto *layout = new QVBoxLayout(dialog);
    auto *text = new QLabel(
        tr("All %n snapshot slot(s) of the %1 plan are in use (%2). Resume or terminate a paused "
           "sandbox to free one, then pause again.",
           nullptr, error.cap())
            .arg(error.plan(), error.displayText()),
        dialog);
    text->setWordWrap(true);
    layout->addWidget(text);
    auto *table = new QTableWidget(int(paused.size()), 4, dialog);
    table->setHorizontalHeaderLabels({tr("Sandbox"), tr("Paused since"), tr(""), tr("")});
    table->verticalHeader()->hide();
    for (int row = 0; row < paused.size(); ++row) {
        const auto &sandbox = paused.at(row);
        table->setItem(row, 0, new QTableWidgetItem(sandbox.id));
        table->setItem(
            row, 1,
            new QTableWidgetItem(QLocale().toString(sandbox.pausedAt.toLocalTime(), QLocale::ShortFormat)));
        auto *resume = new QPushButton(tr("Resume"), table);
        auto *terminate = new QPushButton(tr("Terminate"), table);
        connect(resume, &QPushButton::clicked, dialog, [this, dialog, id = sandbox.id] {
            run(Action::Resume, {id});
            dialog->accept();
        });
        connect(terminate, &QPushButton::clicked, dialog, [this, dialog, id = sandbox.id] {
            run(Action::Terminate, {id});
            dialog->accept();
        });
        table->setCellWidget(row, 2, resume);
        table->setCellWidget(row, 3, terminate);
    }
    table->resizeColumnsToContents();
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog->resize(620, 320);
    dialog->open();
}

void SandboxesPage::updateFacets()
{
    const auto sorted = [this](SandboxTreeModel::Facet facet) {
        const auto &counts = m_model->facetCounts(facet);
        QMap<QString, int> byName;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            byName.insert(it.key(), it.value());
        return byName;
    };
    const auto regions = sorted(SandboxTreeModel::Facet::Region);
    const auto statuses = sorted(SandboxTreeModel::Facet::Status);
    const auto templates = sorted(SandboxTreeModel::Facet::Template);
    m_updatingFacets = true;
    const auto fill
        = [this](int group, const QMap<QString, int> &counts, const QSet<QString> &checked, auto label) {
              auto *parent = m_facets->topLevelItem(group);
              // Values that are selected but have no sandbox now stay, with a count of zero.
              QMap<QString, int> all = counts;
              for (const auto &value : checked)
                  all.insert(value, counts.value(value));
              while (parent->childCount() > all.size())
                  delete parent->takeChild(parent->childCount() - 1);
              int row = 0;
              for (auto it = all.cbegin(); it != all.cend(); ++it, ++row) {
                  QTreeWidgetItem *item
                      = row < parent->childCount() ? parent->child(row) : new QTreeWidgetItem(parent);
                  item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
                  item->setData(0, Qt::UserRole, it.key());
                  item->setText(0, tr("%1 (%2)").arg(label(it.key())).arg(it.value()));
                  item->setCheckState(0, checked.contains(it.key()) ? Qt::Checked : Qt::Unchecked);
              }
          };
    const SandboxFilter &filter = m_model->filter();
    fill(RegionFacets, regions, filter.regions, [](const QString &v) { return v; });
    fill(StatusFacets, statuses, filter.statuses,
         [](const QString &v) { return SandboxTreeModel::statusLabel(Sandbox::statusFromString(v)); });
    fill(TemplateFacets, templates, filter.templates, [](const QString &v) { return v; });
    m_updatingFacets = false;
}

void SandboxesPage::onFacetChanged(QTreeWidgetItem *item)
{
    if (m_updatingFacets || !item->parent())
        return;
    const int group = m_facets->indexOfTopLevelItem(item->parent());
    QSet<QString> allowed;
    for (int i = 0; i < item->parent()->childCount(); ++i) {
        const auto *child = item->parent()->child(i);
        if (child->checkState(0) == Qt::Checked)
            allowed.insert(child->data(0, Qt::UserRole).toString());
    }
    SandboxFilter filter = m_model->filter();
    (group == RegionFacets       ? filter.regions
         : group == StatusFacets ? filter.statuses
                                 : filter.templates)
        = allowed;
    m_model->setFilter(filter);
    m_view->expandAll();
    updateEmptyHint();
}

} // namespace OrkestrUi
