package io.docverify.adapter.dwolla;

import io.docverify.dwollaserver.ErrorStyle;

/**
 * The shared provider behaviour again, with the server answering upload refusals in the shape of Dwolla's changelog
 * and errors page ({@code ValidationError} with embedded {@code Invalid} "Invalid file type", {@code FileTooLarge},
 * {@code Duplicate}): the adapter must give the same codes as for the endpoint tables' shape.
 */
class DwollaHttpValidationErrorStyleContractTest extends DwollaHttpContractTest {

    @Override
    protected ErrorStyle errorStyle() {
        return ErrorStyle.VALIDATION_ERROR;
    }
}
