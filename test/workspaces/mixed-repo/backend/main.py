"""The API: FastAPI served by uvicorn, which stops gracefully on SIGTERM."""
import os

import uvicorn
from fastapi import FastAPI

app = FastAPI()
API_KEY = os.environ["API_KEY"]


@app.get("/health")
def health():
    return {"status": "ok"}


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=int(os.environ["PORT"]))
