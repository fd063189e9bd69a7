using Kubedos.Testing;

namespace Kubedos.Engine.Tests.Backends;

/// <summary>A fact that needs the PostgreSQL server: skipped with the reason where none answers, run (and failing) under <c>KUBEDOS_REQUIRE_LAB=1</c>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestDatabase.MissingReason is { } reason && !LabPrerequisites.Required)
        {
            Skip = reason;
        }
    }
}
