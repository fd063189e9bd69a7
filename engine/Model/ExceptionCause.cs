using System.Reflection;

namespace Kubedos.Engine.Model;

/// <summary>The exception that says what went wrong, under the wrappers reflection and tasks put around it.</summary>
/// <remarks>
/// A constructor run through <c>new T()</c> or <see cref="Activator"/>, a property read by reflection, a static
/// initializer and <c>Task.Wait</c> all wrap the real exception; their messages ("Exception has been thrown by the
/// target of an invocation.") tell a person nothing.
/// </remarks>
public static class ExceptionCause
{
    /// <summary>The innermost exception that is not a <see cref="TargetInvocationException"/>, <see cref="TypeInitializationException"/> or a one-exception <see cref="AggregateException"/>.</summary>
    public static Exception Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var current = exception;
        while (true)
        {
            switch (current)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    current = inner;
                    break;
                case TypeInitializationException { InnerException: { } inner }:
                    current = inner;
                    break;
                case AggregateException aggregate when aggregate.Flatten().InnerExceptions is [var only]:
                    current = only;
                    break;
                default:
                    return current;
            }
        }
    }
}
