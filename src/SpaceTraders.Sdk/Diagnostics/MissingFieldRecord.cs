namespace SpaceTraders.Sdk.Diagnostics;

/// <summary>
/// A required field a response lacked (or sent as <c>null</c>) that the SDK read as its default instead of
/// failing the call, reported to every <see cref="IRequestObserver"/> (<see cref="IRequestObserver.OnFieldMissing"/>),
/// to the log and to the <c>spacetraders.response.missing_fields</c> counter.
/// </summary>
/// <param name="Method">The HTTP method of the call, or empty when the response was read outside the pipeline.</param>
/// <param name="Endpoint">The endpoint template of the call, or empty.</param>
/// <param name="RequestId">The call's <c>X-Request-Id</c>, or empty.</param>
/// <param name="TypeName">The model type the field belongs to, for example <c>ShipMount</c>.</param>
/// <param name="Field">The field's JSON name, for example <c>description</c>.</param>
/// <param name="Path">The field's path in the response, for example <c>data.mounts[0].description</c>.</param>
/// <param name="WasNull">Whether the field was present as <c>null</c> rather than absent.</param>
/// <param name="ReadAs">What it was read as: <c>""</c>, <c>0</c>, <c>false</c>, <c>[]</c>, <c>{}</c> (an object of defaults) or <c>null</c> (where the model allows it).</param>
public sealed record MissingFieldRecord(
    string Method,
    string Endpoint,
    string RequestId,
    string TypeName,
    string Field,
    string Path,
    bool WasNull,
    string ReadAs);
