#include "ui/processes/processestab.h"

#include "session/processesstore.h"
#include "session/processsignaller.h"
#include "session/processtreemodel.h"
#include "session/session.h"
#include "ui/sandboxes/statusstyle.h"
#include "ui/views/statepage.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using OrkestrSession::ProcessesStore;
using OrkestrSession::ProcessSignaller;
using Model = OrkestrSession::ProcessTreeModel;

namespace {
constexpr int SigKill = 9;

// Sorts by the model's raw values, shows a command of several lines on one (all of it in the
// tooltip), puts the PIDs where the tree's indentation shows, and tells what the exec link does.
class ProcessSortProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (index.column() == Model::CommandColumn && (role == Qt::DisplayRole || role == Qt::ToolTipRole)) {
            const QString command = QSortFilterProxyModel::data(index, Model::CommandRole).toString();
            return role == Qt::ToolTipRole ? command : QString(command).replace(u'\n', u" ⏎ "_s);
        }
        if (index.column() == Model::PidColumn && role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        const QString execId = index.column() == Model::ExecColumn
            ? QSortFilterProxyModel::data(index, Model::ExecIdRole).toString()
            : QString();
        if (!execId.isEmpty() && role == Qt::ToolTipRole)
            return ProcessesTab::tr("Show %1 in the Activity tab").arg(execId);
        return QSortFilterProxyModel::data(index, role);
    }
};

// Paints an exec cell as a link to the Activity tab: underlined, in the view's link colour; on a
// selected row in the selection's text colour, since a link colour on the highlight can be
// unreadable (blue on blue). Some styles draw a selected cell's text in its Text colour, so both
// roles get the colour.
class ExecLinkDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(Model::ExecIdRole).toString().isEmpty())
            return;
        option->font.setUnderline(true);
        const QPalette::ColorRole role
            = option->state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Link;
        for (const auto group : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
            const QBrush colour = option->palette.brush(group, role);
            option->palette.setBrush(group, QPalette::Text, colour);
            option->palette.setBrush(group, QPalette::HighlightedText, colour);
        }
    }
};
} // namespace

QList<int> ProcessesTab::offeredSignals()
{
    return {15, 2, 1, 9, 19, 18}; // TERM, INT, HUP, KILL, STOP, CONT
}

ProcessesTab::ProcessesTab(OrkestrSession::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_proxy(new ProcessSortProxy(this))
    , m_signal(new QPushButton(tr("Signal…"), this))
    , m_kill(new QPushButton(tr("Kill"), this))
    , m_showExec(new QPushButton(tr("Show command"), this))
    , m_stack(new QStackedWidget(this))
    , m_statePage(new StatePage(u"processes"_s, tr("Load the processes again"), this))
    , m_tree(new QTreeView(this))
    , m_message(new QLabel(this))
{
    setObjectName(u"processesTab"_s);
    m_signal->setObjectName(u"processesSignal"_s);
    m_signal->setAccessibleName(tr("Send a signal"));
    m_signalMenu = new QMenu(m_signal);
    m_signal->setMenu(m_signalMenu);
    for (const int signal : offeredSignals()) {
        QAction *action = m_signalMenu->addAction(ProcessSignaller::signalName(signal));
        action->setObjectName(ProcessSignaller::signalName(signal));
        action->setData(signal);
        connect(action, &QAction::triggered, this, [this, signal] { signalCurrent(signal); });
    }
    m_kill->setObjectName(u"processesKill"_s);
    m_kill->setAccessibleName(tr("Kill the process"));
    m_showExec->setObjectName(u"processesShowExec"_s);
    m_showExec->setAccessibleName(tr("Show the command in the Activity tab"));
    m_showExec->setToolTip(tr("Show the command that started the process in the Activity tab"));
    m_message->setObjectName(u"processesMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_proxy->setSortRole(Model::SortRole);
    m_tree->setObjectName(u"processesTree"_s);
    m_tree->setAccessibleName(tr("Processes"));
    m_tree->setModel(m_proxy);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(Model::PidColumn, Qt::AscendingOrder);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setItemDelegateForColumn(Model::ExecColumn, new ExecLinkDelegate(m_tree));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_signal);
    bar->addWidget(m_kill);
    bar->addStretch();
    bar->addWidget(m_showExec);
    auto *page = new QWidget(this);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(m_tree, 1);
    m_stack->addWidget(m_statePage);
    m_stack->addWidget(page);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_message);

    connect(m_kill, &QPushButton::clicked, this, [this] { signalCurrent(SigKill); });
    connect(m_showExec, &QPushButton::clicked, this, [this] {
        if (const auto *process = currentProcess(); process && process->hasExec())
            Q_EMIT execRequested(m_sandboxId, process->execId);
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ProcessesTab::updateActions);
    connect(m_tree, &QTreeView::activated, this, &ProcessesTab::onActivated);
    connect(m_tree, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        // The exec cell is a link: one click follows it.
        if (index.column() == Model::ExecColumn)
            onActivated(index);
    });
    connect(m_statePage, &StatePage::retryRequested, this, [this] {
        if (m_store)
            m_store->refreshNow();
    });
    auto *signaller = m_session->processSignaller();
    connect(signaller, &ProcessSignaller::finished, this, [this](const ProcessSignaller::Outcome &outcome) {
        if (outcome.sandboxId != m_sandboxId)
            return;
        showMessage(outcome.summary(), !outcome.succeeded());
        if (m_store)
            m_store->refreshNow();
    });
    connect(m_session, &OrkestrSession::Session::writePolicyChanged, this, &ProcessesTab::setReadOnly);
    setReadOnly(m_session->isReadOnly());
    updateState();
}

ProcessesTab::~ProcessesTab()
{
    // The view lets go of the model before the model goes.
    m_proxy->setSourceModel(nullptr);
}

void ProcessesTab::showSandbox(const QString &sandboxId)
{
    if (sandboxId == m_sandboxId)
        return;
    m_sandboxId = sandboxId;
    m_proxy->setSourceModel(nullptr);
    m_model.reset();
    m_store.reset();
    m_message->hide();
    m_offlineShown = false;
    m_expandedOnce = false;
    if (!sandboxId.isEmpty()) {
        m_store = std::make_unique<ProcessesStore>(m_session->client(), sandboxId);
        m_model = std::make_unique<Model>(m_store.get());
        m_proxy->setSourceModel(m_model.get());
        // The command takes what the other columns leave; the exec id is shortened in the middle.
        m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
        m_tree->header()->setSectionResizeMode(Model::CommandColumn, QHeaderView::Stretch);
        m_tree->header()->resizeSection(Model::ExecColumn, 120);
        connect(m_store.get(), &ProcessesStore::stateChanged, this, &ProcessesTab::updateState);
        connect(m_store.get(), &ProcessesStore::processesChanged, this, [this] {
            // Every branch open at first; later the person's expansion stays as it is.
            if (!m_expandedOnce && m_model->processCount() > 0) {
                m_expandedOnce = true;
                m_tree->expandAll();
                for (int column = 0; column < Model::ColumnCount; ++column) {
                    if (column != Model::CommandColumn && column != Model::ExecColumn)
                        m_tree->resizeColumnToContents(column);
                }
            }
            updateActions();
        });
        m_store->setActive(isVisible());
    }
    updateState();
}

void ProcessesTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The list is asked for only while the tab is on screen.
    if (m_store)
        m_store->setActive(true);
}

void ProcessesTab::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    if (m_store)
        m_store->setActive(false);
}

void ProcessesTab::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    const QString why = readOnly ? tr("Read-only: signals cannot be sent") : QString();
    m_signal->setToolTip(readOnly ? why : tr("Send a signal to the selected process"));
    m_kill->setToolTip(readOnly ? why : tr("Kill the selected process (SIGKILL)"));
    updateActions();
}

const Orkestr::ProcessInfo *ProcessesTab::currentProcess() const
{
    if (!m_model)
        return nullptr;
    return m_model->processAt(m_proxy->mapToSource(m_tree->currentIndex()));
}

bool ProcessesTab::selectPid(qint64 pid)
{
    if (!m_model)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOfPid(pid));
    if (!index.isValid())
        return false;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    return true;
}

void ProcessesTab::signalCurrent(int signal)
{
    const auto *process = currentProcess();
    if (!process || m_readOnly)
        return;
    // A copy: the list may change while the question is on screen.
    const Orkestr::ProcessInfo target = *process;
    if (!m_session->processSignaller()->signal(m_sandboxId, target, signal))
        showMessage(tr("The signal cannot be sent from this session."), true);
}

void ProcessesTab::onActivated(const QModelIndex &index)
{
    const QString execId = index.data(Model::ExecIdRole).toString();
    if (!execId.isEmpty())
        Q_EMIT execRequested(m_sandboxId, execId);
}

void ProcessesTab::updateActions()
{
    const auto *process = currentProcess();
    const bool canSignal = process && !m_readOnly && m_session->processSignaller()->canSignal();
    m_signal->setEnabled(canSignal);
    m_kill->setEnabled(canSignal);
    m_showExec->setEnabled(process && process->hasExec());
}

void ProcessesTab::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    QPalette colours = palette();
    if (error)
        colours.setColor(QPalette::WindowText, StatusStyle::warningColor());
    m_message->setPalette(colours);
    m_message->show();
}

QString ProcessesTab::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

QString ProcessesTab::stateText() const
{
    return m_stack->currentIndex() == 0 ? m_statePage->text() : QString();
}

void ProcessesTab::updateState()
{
    const bool loaded = m_store && m_store->hasLoaded();
    const bool offline = loaded && m_store->state() == ProcessesStore::State::Offline;
    // The last list stays while a refresh fails; what went wrong shows under it.
    if (offline) {
        showMessage(tr("The processes could not be refreshed: %1").arg(m_store->lastError().displayText()),
                    true);
        m_offlineShown = true;
    } else if (m_offlineShown) {
        m_offlineShown = false;
        m_message->hide();
    }
    const bool said
        = m_statePage->showState(m_store.get(), loaded,
                                 {tr("Select a sandbox to see its processes."), tr("Loading the processes…"),
                                  tr("The sandbox is not running: it has no processes."),
                                  tr("This server does not list the processes of its sandboxes."),
                                  tr("The processes could not be loaded, trying again: %1"),
                                  tr("The processes could not be loaded: %1")});
    m_stack->setCurrentIndex(said ? 0 : 1);
    updateActions();
}

} // namespace OrkestrUi
