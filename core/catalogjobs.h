#pragma once

#include "core/job.h"
#include "core/sandbox.h"

namespace Orkestr {

// GET /v1/templates
class GetTemplatesJob : public Job
{
    Q_OBJECT
public:
    explicit GetTemplatesJob(QObject *parent = nullptr);
    QList<Template> templates() const { return m_templates; }

protected:
    ApiError onResponseFinished(const QByteArray &collected) override;

private:
    QList<Template> m_templates;
};

// GET /v1/regions
class GetRegionsJob : public Job
{
    Q_OBJECT
public:
    explicit GetRegionsJob(QObject *parent = nullptr);
    QList<Region> regions() const { return m_regions; }

protected:
    ApiError onResponseFinished(const QByteArray &collected) override;

private:
    QList<Region> m_regions;
};

} // namespace Orkestr
