#include "ui/activity/activitytab.h"

#include "core/activityjobs.h"
#include "session/activitystore.h"
#include "session/activitystores.h"
#include "session/activitytimelinemodel.h"
#include "session/session.h"
#include "ui/activity/activitydetails.h"
#include "ui/activity/activityexportpanel.h"
#include "ui/activity/activityrowdelegate.h"
#include "ui/activity/activitytimelineview.h"
#include "ui/activity/controlnames.h"
#include "ui/activity/neweventsmarker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using OrkestrSession::ActivityStore;
using Model = OrkestrSession::ActivityTimelineModel;

ActivityTab::ActivityTab(OrkestrSession::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_split(new QSplitter(Qt::Vertical, this))
    , m_timeline(new ActivityTimelineView(m_split))
    , m_delegate(new ActivityRowDelegate(
          {Model::TimeRole, Model::KindRole, Model::ActorRole, Model::SummaryRole, Model::FailureRole}, this))
    , m_details(new ActivityDetails(session, m_split))
    , m_export(new ActivityExportPanel(session->client(), this))
    , m_stack(new QStackedWidget(this))
    , m_state(new QLabel(this))
    , m_retry(new QPushButton(tr("Try again"), this))
    , m_statePage(new QWidget(this))
    , m_family(new QComboBox(this))
    , m_failures(new QCheckBox(tr("Failures only"), this))
    , m_search(new QLineEdit(this))
    , m_exportButton(new QToolButton(this))
{
    setObjectName(u"activityTab"_s);
    nameControl(m_family, u"activityFamilyFilter"_s, tr("Kind of events"),
                tr("Show events of one kind only"));
    m_family->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_family->setMinimumContentsLength(8);
    const std::pair<QString, Model::Families> families[] = {
        {tr("All events"), Model::AllFamilies},
        {tr("Commands"), Model::ExecFamily},
        {tr("Files"), Model::FileFamily},
        {tr("Sandbox"), Model::SandboxFamily},
        {tr("Network"), Model::NetworkFamily},
        {tr("Processes"), Model::ProcessFamily},
        {tr("Failed requests"), Model::RequestFamily},
    };
    for (const auto &[label, flags] : families)
        m_family->addItem(label, int(flags));
    nameControl(m_failures, u"activityFailuresOnly"_s, tr("Failures only"),
                tr("Only commands that failed, refused connections, failed requests and errors"));
    nameControl(m_search, u"activitySearch"_s, tr("Search activity"));
    m_search->setPlaceholderText(tr("Search commands and paths"));
    m_search->setClearButtonEnabled(true);
    m_exportButton->setText(tr("Export…"));
    nameControl(m_exportButton, u"activityExportButton"_s, tr("Export activity"),
                tr("Save the activity as an HTML report or NDJSON for a support ticket"));
    nameControl(m_retry, u"activityRetry"_s, tr("Load the activity again"));
    m_state->setObjectName(u"activityState"_s);
    m_state->setWordWrap(true);
    m_state->setAlignment(Qt::AlignCenter);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_family);
    bar->addWidget(m_failures);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_exportButton);

    auto *stateLayout = new QVBoxLayout(m_statePage);
    stateLayout->addStretch();
    stateLayout->addWidget(m_state);
    stateLayout->addWidget(m_retry, 0, Qt::AlignHCenter);
    stateLayout->addStretch();

    m_timeline->setItemDelegate(m_delegate);
    m_split->addWidget(m_timeline);
    // The details scroll rather than widen the sandbox view (it shares the window with the list).
    auto *detailsScroll = new QScrollArea(m_split);
    detailsScroll->setObjectName(u"activityDetailsScroll"_s);
    detailsScroll->setWidget(m_details);
    detailsScroll->setWidgetResizable(true);
    detailsScroll->setFrameShape(QFrame::NoFrame);
    m_split->addWidget(detailsScroll);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    m_split->setChildrenCollapsible(false);
    m_stack->addWidget(m_statePage);
    m_stack->addWidget(m_split);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_export);

    connect(m_family, &QComboBox::currentIndexChanged, this, &ActivityTab::applyFamily);
    connect(m_failures, &QCheckBox::toggled, this, [this](bool on) {
        if (m_model)
            m_model->setFailuresOnly(on);
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (m_model)
            m_model->setSearchText(text);
    });
    connect(m_exportButton, &QToolButton::clicked, this,
            [this] { m_export->exportInteractively(m_sandboxId); });
    connect(m_export, &ActivityExportPanel::runningChanged, m_exportButton, &QWidget::setDisabled);
    connect(m_export, &ActivityExportPanel::message, this, &ActivityTab::message);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (m_store)
            m_store->start();
    });
    connect(m_timeline, &ActivityTimelineView::followingChanged, this, [this](bool following) {
        if (m_model)
            m_model->setFollowing(following);
    });
    connect(m_timeline, &ActivityTimelineView::olderWanted, this, [this] {
        if (m_model && m_model->canFetchOlder())
            m_model->fetchOlder();
    });
    connect(m_details, &ActivityDetails::openFileRequested, this, &ActivityTab::openFileRequested);
    connect(m_details, &ActivityDetails::runRequested, this, &ActivityTab::runRequested);
    connect(m_details, &ActivityDetails::message, this, &ActivityTab::message);
    setReadOnly(session->isReadOnly());
    updateState();
}

ActivityTab::~ActivityTab()
{
    // The view lets go of the model before the model goes.
    m_timeline->setModel(nullptr);
}

void ActivityTab::setReadOnly(bool readOnly)
{
    m_details->setReadOnly(readOnly);
}

void ActivityTab::showSandbox(const QString &sandboxId)
{
    if (sandboxId == m_sandboxId)
        return;
    m_sandboxId = sandboxId;
    m_pendingExec.clear();
    m_details->setEvent({}, std::nullopt);
    if (m_store)
        disconnect(m_store.get(), nullptr, this, nullptr);
    m_timeline->setModel(nullptr);
    m_model.reset();
    m_store.reset();
    if (!sandboxId.isEmpty()) {
        m_store = m_session->activity()->store(sandboxId);
        m_model = std::make_unique<Model>(m_store);
        applyFamily();
        m_model->setFailuresOnly(m_failures->isChecked());
        m_model->setSearchText(m_search->text());
        m_timeline->setModel(m_model.get());
        connect(m_model.get(), &Model::newRowCountChanged, m_timeline->marker(), &NewEventsMarker::setCount);
        connect(m_timeline->selectionModel(), &QItemSelectionModel::currentChanged, this,
                &ActivityTab::onCurrentChanged);
        connect(m_store.get(), &ActivityStore::stateChanged, this, &ActivityTab::updateState);
        connect(m_store.get(), &ActivityStore::eventsCleared, this,
                [this] { m_details->setEvent(m_store, {}); });
        // A failed first page has the state page; what fails later (an older page, the live
        // stream, an exec's record) would otherwise go unsaid. A request cancelled on purpose is
        // no failure.
        connect(m_store.get(), &ActivityStore::errorOccurred, this, [this](const Orkestr::ApiError &error) {
            if (m_store->state() == ActivityStore::State::Ready
                && error.kind() != Orkestr::ApiError::Kind::Cancelled)
                Q_EMIT message(tr("The activity could not be updated: %1").arg(error.displayText()));
        });
    }
    updateState();
}

bool ActivityTab::showExec(const QString &execId)
{
    m_pendingExec.clear();
    if (!m_store || execId.isEmpty())
        return false;
    if (m_store->state() != ActivityStore::State::Ready) {
        m_pendingExec = execId;
        return true;
    }
    if (selectExec(execId))
        return true;
    m_family->setCurrentIndex(0);
    m_failures->setChecked(false);
    m_search->clear();
    return selectExec(execId);
}

bool ActivityTab::selectExec(const QString &execId)
{
    // The exec's start, else any of its events (its start may lie before the loaded page).
    int found = -1;
    for (int row = m_model->rowCount() - 1; row >= 0; --row) {
        const QModelIndex index = m_model->index(row);
        if (index.data(Model::ExecIdRole).toString() != execId)
            continue;
        found = row;
        if (index.data(Model::KindRole).toString() == u"exec.started")
            break;
    }
    if (found < 0)
        return false;
    m_timeline->setCurrentIndex(m_model->index(found));
    m_timeline->scrollTo(m_model->index(found));
    return true;
}

void ActivityTab::applyFamily()
{
    if (m_model)
        m_model->setFamilies(Model::Families(m_family->currentData().toInt()));
}

void ActivityTab::onCurrentChanged()
{
    const QModelIndex current = m_timeline->currentIndex();
    if (!m_model || !current.isValid()) {
        m_details->setEvent(m_store, std::nullopt);
        return;
    }
    m_details->setEvent(m_store, m_model->eventAt(current.row()));
}

QString ActivityTab::stateText() const
{
    return m_stack->currentWidget() == m_statePage ? m_state->text() : QString();
}

void ActivityTab::updateState()
{
    const auto state = m_store ? m_store->state() : ActivityStore::State::Idle;
    m_retry->setVisible(state == ActivityStore::State::Failed);
    m_exportButton->setEnabled(state == ActivityStore::State::Ready && !m_export->isRunning());
    switch (state) {
    case ActivityStore::State::Ready:
        m_state->clear();
        m_stack->setCurrentWidget(m_split);
        if (!m_pendingExec.isEmpty())
            showExec(m_pendingExec);
        return;
    case ActivityStore::State::Idle:
        m_state->setText(m_store ? tr("Loading the activity…") : tr("Select a sandbox to see its activity."));
        break;
    case ActivityStore::State::Loading:
        m_state->setText(tr("Loading the activity…"));
        break;
    case ActivityStore::State::Unsupported:
        m_state->setText(tr("This server does not record activity: it keeps no journal of the commands, "
                            "files and requests of its sandboxes."));
        break;
    case ActivityStore::State::Failed:
        m_state->setText(tr("The activity could not be loaded: %1").arg(m_store->error().displayText()));
        break;
    }
    m_stack->setCurrentWidget(m_statePage);
}

} // namespace OrkestrUi
