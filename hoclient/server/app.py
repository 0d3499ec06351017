"""The central sync service: FastAPI, JSON, versioned under /v1, its schema at /openapi.json.

Stateless: everything lives in the central database, so several can run behind a balancer.
Handlers are plain functions, which FastAPI runs on its thread pool (the database calls block).
"""

import base64
import uuid
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Response, status
from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

from hoclient import __version__
from hoclient.security.roles import Permission, may
from hoclient.server.accounts import AccountError, device_for_token, enrol_device
from hoclient.server.apply import apply_changes
from hoclient.server.bundle_key import council_bundle_key
from hoclient.server.central import Central
from hoclient.server.protocol import (
    BundleKey,
    EnrolRequest,
    EnrolResponse,
    Health,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    VisitMark,
)
from hoclient.server.pull import pull_page
from hoclient.server.scope import DeviceOfficer, set_visit_mark
from hoclient.vocabulary import Role


def create_app(central: Central) -> FastAPI:
    app = FastAPI(title="hoclient sync", version=__version__)

    def device(authorization: Annotated[str | None, Header()] = None) -> DeviceOfficer:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Enrol this device first.")
        with central.read() as connection:
            found = device_for_token(connection, token)
        if found is None:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED, "This device's enrolment is not recognised."
            )
        return found

    Device = Annotated[DeviceOfficer, Depends(device)]  # noqa: N806  (a type alias)

    @app.get("/v1/health")
    def health() -> Health:
        try:
            with central.read() as connection:
                connection.execute(text("SELECT 1"))
        except OperationalError as error:
            raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "database down") from error
        return Health(status="ok", database=central.engine.dialect.name)

    @app.post("/v1/devices")
    def enrol(request: EnrolRequest) -> EnrolResponse:
        try:
            enrolment = enrol_device(central, username=request.username, password=request.password)
        except AccountError as error:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, str(error)) from error
        holds_casework = may(enrolment.role, Permission.READ_CASEWORK)
        return EnrolResponse(
            device_id=enrolment.device_id,
            token=enrolment.token,
            officer_id=enrolment.officer_id,
            officer_name=enrolment.officer_name,
            team_id=enrolment.team_id,
            role=enrolment.role.name,
            bundle_key=_encoded(council_bundle_key(central)) if holds_casework else None,
        )

    @app.get("/v1/bundle-key")
    def bundle_key(who: Device) -> BundleKey:
        """The council's case-bundle key, for a laptop enrolled before enrolment gave it."""
        if not may(who.role, Permission.READ_CASEWORK):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                "A volunteer's device holds no casework, so it gets no case-bundle key.",
            )
        return BundleKey(key=_encoded(council_bundle_key(central)))

    @app.post("/v1/push")
    def push(request: PushRequest, who: Device) -> PushResponse:
        with central.write() as connection:
            return PushResponse(results=apply_changes(connection, who, request.changes))

    @app.put("/v1/scope/visits/{reference}")
    def mark_for_visit(reference: str, who: Device) -> VisitMark:
        """Put a case (of any team) in this officer's scope: it arrives whole on next pull."""
        with central.write() as connection:
            return VisitMark(
                case_id=_visit(connection, who, reference, marked=True),
                reference=reference,
                marked=True,
            )

    @app.delete("/v1/scope/visits/{reference}")
    def unmark_for_visit(reference: str, who: Device) -> VisitMark:
        with central.write() as connection:
            return VisitMark(
                case_id=_visit(connection, who, reference, marked=False),
                reference=reference,
                marked=False,
            )

    @app.post("/v1/pull", response_model=PullResponse)
    def pull(request: PullRequest, who: Device) -> Response:
        with central.read() as connection:
            page = pull_page(connection, who, request)
        # A page is thousands of rows already in JSON (hoclient.server.page_rows): written
        # straight out, not validated again field by field (that tripled a first sync's time).
        # With bytes, the JSON's length leads and the blobs follow it.
        framed = not page.startswith(b"{")
        return Response(content=page, media_type=PULL_PAGE_WITH_BLOBS if framed else JSON)

    return app


JSON = "application/json"
PULL_PAGE_WITH_BLOBS = "application/vnd.hoclient.pull-page"


def _encoded(key: bytes) -> str:
    return base64.b64encode(key).decode("ascii")


def _visit(
    connection: Connection, who: DeviceOfficer, reference: str, *, marked: bool
) -> uuid.UUID:
    if who.role is Role.VOLUNTEER:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "A volunteer's device holds no cases.")
    try:
        return set_visit_mark(connection, who, reference, marked=marked)
    except LookupError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
