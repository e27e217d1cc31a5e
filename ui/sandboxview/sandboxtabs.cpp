#include "ui/sandboxview/sandboxtabs.h"

#include "session/sandboxstore.h"
#include "session/session.h"

#include <QTabBar>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

namespace {
constexpr int SelectedTab = 0;
}

SandboxTabs::SandboxTabs(OrkestrSession::Session *session, OrkestrSession::Prompter *prompter,
                         QWidget *parent)
    : QWidget(parent)
    , m_bar(new QTabBar(this))
    , m_view(new SandboxView(session, prompter, this))
{
    setObjectName(u"sandboxTabs"_s);
    m_bar->setObjectName(u"sandboxTabBar"_s);
    m_bar->setAccessibleName(tr("Open sandboxes"));
    m_bar->setDocumentMode(true);
    m_bar->setTabsClosable(true);
    m_bar->setMovable(true);
    m_bar->setExpanding(false);
    m_bar->setElideMode(Qt::ElideMiddle);
    m_bar->addTab(tr("Selected"));
    m_bar->setTabToolTip(SelectedTab, tr("The sandbox selected in the list"));
    // The selection's tab cannot be closed: it has no close button.
    m_bar->setTabButton(SelectedTab, QTabBar::RightSide, nullptr);
    m_bar->setTabButton(SelectedTab, QTabBar::LeftSide, nullptr);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_bar);
    layout->addWidget(m_view, 1);

    connect(m_bar, &QTabBar::currentChanged, this, &SandboxTabs::showTab);
    connect(m_bar, &QTabBar::tabCloseRequested, this, &SandboxTabs::closeTab);
    connect(m_view, &SandboxView::placeChanged, this,
            [this](SandboxView::Place place) { m_places.insert(placeKey(m_bar->currentIndex()), place); });
    connect(session->sandboxes(), &OrkestrSession::SandboxStore::sandboxesRemoved, this,
            &SandboxTabs::forget);
}

QString SandboxTabs::idAt(int index) const
{
    return index == SelectedTab ? m_selected : m_bar->tabData(index).toString();
}

void SandboxTabs::setSelected(const QString &sandboxId)
{
    if (m_selected == sandboxId)
        return;
    m_selected = sandboxId;
    m_bar->setTabText(SelectedTab, sandboxId.isEmpty() ? tr("Selected") : tr("Selected: %1").arg(sandboxId));
    if (m_bar->currentIndex() == SelectedTab)
        showTab(SelectedTab);
}

void SandboxTabs::open(const QString &sandboxId)
{
    if (sandboxId.isEmpty())
        return;
    for (int i = 1; i < m_bar->count(); ++i) {
        if (idAt(i) == sandboxId) {
            m_bar->setCurrentIndex(i);
            return;
        }
    }
    const int index = m_bar->addTab(sandboxId);
    m_bar->setTabData(index, sandboxId);
    m_bar->setTabToolTip(index, tr("Sandbox %1 (Ctrl+W closes)").arg(sandboxId));
    m_bar->setCurrentIndex(index);
}

void SandboxTabs::closeTab(int index)
{
    if (index <= SelectedTab || index >= m_bar->count())
        return;
    m_bar->removeTab(index);
}

void SandboxTabs::closeCurrentTab()
{
    closeTab(m_bar->currentIndex());
}

void SandboxTabs::cycle(int step)
{
    const int count = m_bar->count();
    m_bar->setCurrentIndex(((m_bar->currentIndex() + step) % count + count) % count);
}

QStringList SandboxTabs::openedIds() const
{
    QStringList ids;
    for (int i = 1; i < m_bar->count(); ++i)
        ids.append(idAt(i));
    return ids;
}

QString SandboxTabs::placeKey(int index) const
{
    // The selection's tab keeps its place while the selection moves; an opened sandbox has its own.
    return index == SelectedTab ? QString() : idAt(index);
}

void SandboxTabs::showTab(int index)
{
    const auto place = m_places.value(placeKey(index), SandboxView::Place::Overview);
    m_view->showSandbox(idAt(index));
    m_view->showPlace(place);
}

void SandboxTabs::forget(const QStringList &ids)
{
    for (int i = m_bar->count() - 1; i > SelectedTab; --i) {
        if (ids.contains(idAt(i)))
            m_bar->removeTab(i);
    }
    for (const auto &id : ids)
        m_places.remove(id);
}

} // namespace OrkestrUi
