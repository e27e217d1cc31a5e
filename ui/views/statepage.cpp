#include "ui/views/statepage.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace OrkestrUi {

StatePage::StatePage(const QString &name, const QString &retryName, QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_retry(new QPushButton(tr("Try again"), this))
{
    m_label->setObjectName(name + QLatin1StringView("State"));
    m_label->setWordWrap(true);
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry->setObjectName(name + QLatin1StringView("Retry"));
    m_retry->setAccessibleName(retryName);
    m_retry->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addWidget(m_label);
    layout->addWidget(m_retry, 0, Qt::AlignHCenter);
    layout->addStretch();
    connect(m_retry, &QPushButton::clicked, this, &StatePage::retryRequested);
}

void StatePage::setText(const QString &text)
{
    m_label->setText(text);
}

QString StatePage::text() const
{
    return m_label->text();
}

void StatePage::setRetryVisible(bool visible)
{
    m_retry->setVisible(visible);
}

} // namespace OrkestrUi
