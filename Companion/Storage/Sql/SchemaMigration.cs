namespace SimpleImGateway.Companion.Storage.Sql
{
    /// <summary>One step of a provider's schema history; versions start at 1 and never change once released.</summary>
    /// <param name="Version">The schema version this step produces.</param>
    /// <param name="Description">What the step does, recorded in <c>schema_version</c>.</param>
    /// <param name="Statements">The DDL statements, run in order inside one transaction.</param>
    internal sealed record SchemaMigration(int Version, string Description, string[] Statements);
}
