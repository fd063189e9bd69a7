namespace Kubedos.Engine.Model;

/// <summary>The engine's side of a resource's typed output property.</summary>
internal interface IOutputSource
{
    string Name { get; }

    void Resolve(Resource resource, PropertyValue? value, bool known);

    void Fail(Exception exception);
}
