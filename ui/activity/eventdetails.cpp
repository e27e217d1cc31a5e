#include "ui/activity/eventdetails.h"

#include "ui/activity/controlnames.h"

#include <QApplication>
#include <QClipboard>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

EventDetails::EventDetails(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_form(new QFormLayout)
    , m_explanation(new QLabel(this))
    , m_openFile(new QPushButton(tr("Open in Files"), this))
    , m_copyRequestId(new QPushButton(tr("Copy request id"), this))
{
    setObjectName(u"eventDetails"_s);
    setAccessibleName(tr("Event details"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setObjectName(u"eventTitle"_s);
    m_title->setTextFormat(Qt::PlainText);
    m_explanation->setObjectName(u"eventExplanation"_s);
    m_explanation->setTextFormat(Qt::PlainText);
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    nameControl(m_openFile, u"openFileButton"_s, tr("Open in Files"), tr("Show the file in the Files tab"));
    nameControl(m_copyRequestId, u"copyRequestIdButton"_s, tr("Copy request id"),
                tr("Copy the request id for a support ticket"));
    m_openFile->hide();
    m_copyRequestId->hide();
    connect(m_openFile, &QPushButton::clicked, this, [this] { Q_EMIT openFileRequested(m_path); });
    connect(m_copyRequestId, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_requestId); });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openFile);
    buttons->addWidget(m_copyRequestId);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(m_form);
    layout->addWidget(m_explanation);
    layout->addLayout(buttons);
    layout->addStretch(1);
}

void EventDetails::setTitle(const QString &title)
{
    m_title->setText(title);
}

void EventDetails::setFields(const QList<std::pair<QString, QString>> &fields)
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    for (const auto &[label, value] : fields) {
        auto *text = new QLabel(value, this);
        text->setTextFormat(Qt::PlainText);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        text->setAccessibleName(label);
        text->setWordWrap(true);
        m_form->addRow(tr("%1:").arg(label), text);
    }
}

void EventDetails::setExplanation(const QString &text)
{
    m_explanation->setText(text);
    m_explanation->setVisible(!text.isEmpty());
}

QString EventDetails::explanation() const
{
    return m_explanation->text();
}

void EventDetails::setFile(const QString &path, bool exists)
{
    m_path = path;
    m_openFile->setVisible(!path.isEmpty() && exists);
}

void EventDetails::setRequestId(const QString &requestId)
{
    m_requestId = requestId;
    m_copyRequestId->setVisible(!requestId.isEmpty());
}

} // namespace OrkestrUi
