#include "ui/sandboxview/sandboxview.h"

#include "session/sandboxactions.h"
#include "session/sandboxending.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "session/shellquote.h"
#include "session/texttables.h"
#include "ui/activity/activitytab.h"
#include "ui/files/filebrowser.h"
#include "ui/files/filespanel.h"
#include "ui/metrics/metricstab.h"
#include "ui/processes/processestab.h"
#include "ui/sandboxes/sandboxdetails.h"
#include "ui/terminal/commandhistory.h"
#include "ui/terminal/promptedit.h"
#include "ui/terminal/terminaltabs.h"
#include "ui/terminal/terminalwidget.h"

#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using Action = OrkestrSession::SandboxActions::Action;

namespace {
constexpr SandboxView::Place AllPlaces[]
    = {SandboxView::Place::Overview, SandboxView::Place::Terminal, SandboxView::Place::Files,
       SandboxView::Place::Activity, SandboxView::Place::Metrics,  SandboxView::Place::Processes};
}

SandboxView::SandboxView(OrkestrSession::Session *session, OrkestrSession::Prompter *prompter,
                         QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_tabs(new QTabWidget(this))
    , m_overview(new SandboxDetails(m_tabs))
    , m_terminals(new TerminalTabs(session->client(), m_tabs))
    , m_files(new FilesPanel(session->client(), prompter, m_tabs))
{
    setObjectName(u"sandboxView"_s);
    m_tabs->setObjectName(u"workbench"_s);
    m_tabs->setAccessibleName(tr("Sandbox view"));
    m_tabs->setDocumentMode(true);
    // Every place has its tab from the start, in a fixed order; the extension places are filled
    // by the features that bring them.
    for (const Place place : AllPlaces) {
        QWidget *page = nullptr;
        switch (place) {
        case Place::Overview:
            page = m_overview;
            break;
        case Place::Terminal:
            page = m_terminals;
            break;
        case Place::Files:
            page = m_files;
            break;
        default:
            page = new QLabel(m_tabs);
            break;
        }
        m_tabs->addTab(page, placeTitle(place));
        m_tabs->setTabVisible(tabIndex(place), place <= Place::Files);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index >= 0)
            Q_EMIT placeChanged(Place(index));
    });
    connect(m_overview, &SandboxDetails::actionRequested, this, [this](Action action) {
        if (!m_sandboxId.isEmpty())
            m_session->actions()->run(action, {m_sandboxId});
    });
    connect(m_overview, &SandboxDetails::terminalRequested, this, [this] { focusPlace(Place::Terminal); });
    connect(m_terminals, &TerminalTabs::resumeRequested, this,
            [this](const QString &id) { m_session->actions()->run(Action::Resume, {id}); });

    // The sandbox shown changes under the view; terminals follow every sandbox's status (a paused
    // one offers Resume in its tabs), and the browsers of sandboxes that are gone go with them.
    auto *store = m_session->sandboxes();
    connect(store, &OrkestrSession::SandboxStore::sandboxesChanged, this,
            [this, store](const QStringList &ids) {
                for (const auto &id : ids) {
                    if (const auto *sandbox = store->find(id); sandbox && m_terminals->tabCount(id) > 0)
                        m_terminals->updateSandbox(*sandbox);
                }
                if (ids.contains(m_sandboxId))
                    refresh();
            });
    connect(store, &OrkestrSession::SandboxStore::sandboxesRemoved, this, [this](const QStringList &ids) {
        for (const auto &id : ids) {
            m_terminals->forgetSandbox(id);
            m_files->forgetSandbox(id);
        }
        if (ids.contains(m_sandboxId))
            showSandbox({});
    });
    connect(m_session->actions(), &OrkestrSession::SandboxActions::started, this,
            &SandboxView::updateQuickActions);
    connect(m_session->actions(), &OrkestrSession::SandboxActions::finished, this,
            &SandboxView::updateQuickActions);
    connect(m_session, &OrkestrSession::Session::writePolicyChanged, this, &SandboxView::updateQuickActions);
    setupActivity();
    setupMonitoring();
}

void SandboxView::setupMonitoring()
{
    m_metrics = addExtensionTab<MetricsTab>(Place::Metrics);
    m_processes = addExtensionTab<ProcessesTab>(Place::Processes);
    connect(m_processes, &ProcessesTab::execRequested, this,
            [this](const QString &id, const QString &execId) {
                if (showPlaceFor(id, Place::Activity))
                    m_activity->showExec(execId);
            });
}

void SandboxView::setupActivity()
{
    m_activity = addExtensionTab<ActivityTab>(Place::Activity);
    connect(m_activity, &ActivityTab::openFileRequested, this,
            [this](const QString &id, const QString &path) {
                if (!showPlaceFor(id, Place::Files))
                    return;
                if (auto *browser = m_files->browser(id)) {
                    browser->navigateTo(path.left(std::max<qsizetype>(1, path.lastIndexOf(u'/'))));
                    browser->openFile(path);
                }
            });
    connect(m_activity, &ActivityTab::runRequested, this,
            [this](const QString &id, const QString &command, const QString &cwd) {
                if (id != m_sandboxId || m_session->isReadOnly())
                    return;
                focusPlace(Place::Terminal);
                auto *terminal = m_terminals->currentTerminal();
                if (!terminal || terminal->isBusy()) // a Shell, or a busy Commands tab
                    terminal = m_terminals->newTab();
                if (terminal)
                    terminal->runCommand(
                        cwd.isEmpty() ? command
                                      : u"cd %1 && %2"_s.arg(OrkestrSession::shellQuote(cwd), command));
            });
}

void SandboxView::lookUpEnding(const Orkestr::Sandbox &sandbox)
{
    if (!sandbox.isFinal()) {
        m_overview->setEnding({});
        return;
    }
    if (const auto known = m_endings.constFind(sandbox.id); known != m_endings.cend()) {
        m_overview->setEnding(*known);
        return;
    }
    m_overview->setEnding({});
    if (m_ending && m_endingFor == sandbox.id)
        return;
    delete m_ending;
    m_endingFor = sandbox.id;
    m_ending = new OrkestrSession::SandboxEndingLookup(m_session->client(), sandbox.id, this);
    connect(m_ending, &OrkestrSession::SandboxEndingLookup::finished, this,
            [this, lookup = m_ending, id = sandbox.id] {
                if (!lookup->error().isError())
                    m_endings.insert(id, lookup->ending() ? lookup->ending()->displayText() : QString());
                if (id == m_sandboxId)
                    m_overview->setEnding(m_endings.value(id));
            });
    m_ending->fetch();
}

QString SandboxView::placeTitle(Place place)
{
    static constexpr std::pair<Place, const char *> titles[] = {
        {Place::Overview, QT_TR_NOOP("Overview")}, {Place::Terminal, QT_TR_NOOP("Terminal")},
        {Place::Files, QT_TR_NOOP("Files")},       {Place::Activity, QT_TR_NOOP("Activity")},
        {Place::Metrics, QT_TR_NOOP("Metrics")},   {Place::Processes, QT_TR_NOOP("Processes")},
    };
    return OrkestrSession::enumText<SandboxView>(titles, place);
}

int SandboxView::tabIndex(Place place) const
{
    return int(place);
}

void SandboxView::setPlace(Place place, QWidget *widget, ShowSandbox show)
{
    const int index = tabIndex(place);
    QWidget *old = m_tabs->widget(index);
    const bool wasCurrent = m_tabs->currentIndex() == index;
    m_tabs->removeTab(index);
    m_tabs->insertTab(index, widget, placeTitle(place));
    m_tabs->setTabVisible(index, true);
    if (wasCurrent)
        m_tabs->setCurrentIndex(index);
    if (old != widget)
        old->deleteLater();
    m_extensions.insert(place, std::move(show));
    if (const auto &shower = m_extensions.value(place); shower && !m_sandboxId.isEmpty())
        shower(m_sandboxId);
}

bool SandboxView::isPlaceShown(Place place) const
{
    return m_tabs->isTabVisible(tabIndex(place));
}

void SandboxView::showPlace(Place place)
{
    if (!isPlaceShown(place))
        return;
    m_tabs->setCurrentIndex(tabIndex(place));
}

bool SandboxView::showPlaceFor(const QString &sandboxId, Place place)
{
    if (sandboxId != m_sandboxId)
        return false;
    showPlace(place);
    return true;
}

void SandboxView::focusPlace(Place place)
{
    showPlace(place);
    if (place == Place::Terminal) {
        m_terminals->focusCurrent();
    } else if (auto *page = m_tabs->currentWidget()) {
        page->setFocus();
    }
}

SandboxView::Place SandboxView::currentPlace() const
{
    return Place(m_tabs->currentIndex());
}

void SandboxView::showSandbox(const QString &sandboxId)
{
    m_sandboxId = sandboxId;
    refresh();
    for (auto it = m_extensions.cbegin(); it != m_extensions.cend(); ++it) {
        if (it.value())
            it.value()(sandboxId);
    }
}

void SandboxView::refresh()
{
    const auto sandbox = m_sandboxId.isEmpty() ? std::nullopt : m_session->sandboxes()->sandbox(m_sandboxId);
    m_overview->setSandbox(sandbox);
    if (sandbox)
        lookUpEnding(*sandbox);
    if (sandbox) {
        m_terminals->showSandbox(*sandbox);
        m_files->showSandbox(*sandbox);
    }
    updateQuickActions();
}

void SandboxView::updateQuickActions()
{
    const QStringList ids = m_sandboxId.isEmpty() ? QStringList() : QStringList {m_sandboxId};
    auto *actions = m_session->actions();
    for (const Action action : {Action::Pause, Action::Resume, Action::Terminate})
        m_overview->setActionEnabled(action, actions->canRun(action, ids));
    m_overview->setTerminalEnabled(!ids.isEmpty() && !m_session->isReadOnly());
}

void SandboxView::setReadOnly(bool readOnly)
{
    // A command in a terminal is a write (exec needs sandboxes:write): none when read-only.
    m_terminals->setEnabled(!readOnly);
    m_files->setReadOnly(readOnly);
    m_activity->setReadOnly(readOnly);
    m_processes->setReadOnly(readOnly);
    const int terminal = tabIndex(Place::Terminal);
    m_tabs->setTabToolTip(terminal, readOnly ? tr("Read-only: commands cannot be run") : QString());
    updateQuickActions();
}

} // namespace OrkestrUi
