#pragma once

#include "core/jsonjobs.h"
#include "core/sandbox.h"

namespace Orkestr {

// GET /v1/templates
class GetTemplatesJob : public ArrayFieldJob<Template>
{
    Q_OBJECT
public:
    explicit GetTemplatesJob(QObject *parent = nullptr);
    QList<Template> templates() const { return items(); }
};

// GET /v1/regions
class GetRegionsJob : public ArrayFieldJob<Region>
{
    Q_OBJECT
public:
    explicit GetRegionsJob(QObject *parent = nullptr);
    QList<Region> regions() const { return items(); }
};

} // namespace Orkestr
